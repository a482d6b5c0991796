"""Django's own messages that our pages show but Django's Uzbek catalogue leaves untranslated.

Never called: the calls only put these message ids into our catalogues (`make messages` keeps
them), whose translations Django prefers to its own (LOCALE_PATHS come first).
"""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext


def _mark() -> None:  # pragma: no cover
    # The password change page: labels, the validators' help texts and their errors.
    _("Old password")
    _("Enter the same password as before, for verification.")  # Django's uz ends in ".."
    _("Your old password was entered incorrectly. Please enter it again.")
    _("Your password can’t be too similar to your other personal information.")
    _("Your password can’t be a commonly used password.")
    _("Your password can’t be entirely numeric.")
    ngettext(
        "Your password must contain at least %(min_length)d character.",
        "Your password must contain at least %(min_length)d characters.",
        0,
    )
    ngettext(
        "This password is too short. It must contain at least %(min_length)d character.",
        "This password is too short. It must contain at least %(min_length)d characters.",
        0,
    )
    _("The password is too similar to the %(verbose_name)s.")
    _("This password is too common.")
    _("This password is entirely numeric.")
    # The staff account form (the User model's fields).
    _("email address")
    _("Designates whether this user should be treated as active. Unselect this instead of deleting accounts.")
