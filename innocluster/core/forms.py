from innocluster.core.errors import PlatformError


def add_service_error(form, exc: PlatformError) -> None:
    """Show a service's refusal on the field it names (or on the whole form); the rest of what was
    typed stays in the form."""
    field = exc.details.get("field") if exc.details else None
    form.add_error(field if field in form.fields else None, str(exc.message))
