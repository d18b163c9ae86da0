"""`{% load review_timeline %}{% timeline case %}`: the status timeline of any application's case
(templates/includes/timeline.html), for the pages of every kind."""

from django import template

from innocluster.reviews.timeline import case_timeline

register = template.Library()


@register.inclusion_tag("includes/timeline.html")
def timeline(case):
    return {"steps": case_timeline(case) if case is not None else []}
