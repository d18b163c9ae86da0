"""The console e-mail backend of development and demos: each message printed as a person reads it
(the subject and the body as text, links whole), where Django's own prints the encoded MIME source
(base64 for Russian text, so that a confirmation link cannot be read or clicked)."""

from django.core.mail.backends.console import EmailBackend


class ConsoleBackend(EmailBackend):
    def write_message(self, message):
        lines = [f"From: {message.from_email}", f"To: {', '.join(message.to)}"]
        if message.cc:
            lines.append(f"Cc: {', '.join(message.cc)}")
        if message.reply_to:
            lines.append(f"Reply-To: {', '.join(message.reply_to)}")
        lines += [f"Subject: {message.subject}", "", str(message.body).rstrip("\n")]
        for attachment in message.attachments:
            name = getattr(attachment, "filename", None) or (
                attachment[0] if isinstance(attachment, tuple) else attachment.get_filename()
            )
            lines.append(f"[attachment: {name}]")
        self.stream.write("\n".join(lines) + "\n")
        self.stream.write("-" * 79 + "\n")
