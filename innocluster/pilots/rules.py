"""Who may do what with test sites and pilots. The company's people and the site organisation's
people see a pilot, and so does the staff of the desk; everyone else gets a 404. The company's
owners and managers act for it; the site organisation's owners and managers are the site's
representatives; coordinators create sites."""

import rules

from innocluster.organizations.rules import is_organization_manager, is_organization_person
from innocluster.reviews.rules import is_supervisor, may_use_desk


@rules.predicate
def is_company_person(user, pilot) -> bool:
    # no pilot (a check of the model permission, e.g. the admin's): nobody in particular
    return pilot is not None and is_organization_person(user, pilot.organization)


@rules.predicate
def acts_for_company(user, pilot) -> bool:
    return pilot is not None and is_organization_manager(user, pilot.organization)


@rules.predicate
def is_site_person(user, pilot) -> bool:
    return pilot is not None and is_organization_person(user, pilot.site.organization)


@rules.predicate
def represents_site(user, pilot) -> bool:
    return pilot is not None and is_organization_manager(user, pilot.site.organization)


@rules.predicate
def is_desk_staff(user, pilot=None) -> bool:
    return may_use_desk(user)


@rules.predicate
def is_coordinator(user) -> bool:
    return is_supervisor(user)


rules.add_perm("pilots.view_pilot", is_company_person | is_site_person | is_desk_staff)
rules.add_perm("pilots.act_for_company", acts_for_company)
rules.add_perm("pilots.represent_site", represents_site)
rules.add_perm("pilots.create_site", is_coordinator)
# the pilot's public feedback link and its QR code: for the company to hand out and the site to
# post; a site's people who do not represent it, and experts, get a 404 (pilots/feedback_views.py)
rules.add_perm("pilots.share_feedback_link", is_company_person | represents_site | is_desk_staff)
