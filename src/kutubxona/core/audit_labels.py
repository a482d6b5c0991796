"""What an audit entry's action code (`catalog.record.create`) says to a reader of the log:
"Catalogue record: created". The code's last part is the change, the rest what was changed; a
code whose parts are not known here is shown as it is (a new action still shows). The words
have a context of their own: "Copy" or "Receipt" mean other things elsewhere."""

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.utils.functional import Promise
from django.utils.translation import gettext, pgettext_lazy

SUBJECTS: dict[str, Promise] = {
    "account": pgettext_lazy("audit log", "Account"),
    "admin": pgettext_lazy("audit log", "Administration"),
    "acquisitions": pgettext_lazy("audit log", "Collection"),
    "acquisitions.line": pgettext_lazy("audit log", "Receipt line"),
    "acquisitions.opening": pgettext_lazy("audit log", "Opening balance"),
    "acquisitions.rare": pgettext_lazy("audit log", "Rare collection"),
    "acquisitions.receipt": pgettext_lazy("audit log", "Receipt of copies"),
    "acquisitions.stocktake": pgettext_lazy("audit log", "Stock-taking"),
    "acquisitions.withdrawal": pgettext_lazy("audit log", "Withdrawal act"),
    "agreement": pgettext_lazy("audit log", "Agreement with a foreign library"),
    "catalog": pgettext_lazy("audit log", "Catalogue"),
    "catalog.article": pgettext_lazy("audit log", "Article"),
    "catalog.copy": pgettext_lazy("audit log", "Copy"),
    "catalog.fulltext": pgettext_lazy("audit log", "Full-text file"),
    "catalog.import": pgettext_lazy("audit log", "MARC import"),
    "catalog.record": pgettext_lazy("audit log", "Catalogue record"),
    "circulation": pgettext_lazy("audit log", "Circulation"),
    "circulation.hold": pgettext_lazy("audit log", "Hold"),
    "circulation.holiday": pgettext_lazy("audit log", "Closed day"),
    "circulation.notice": pgettext_lazy("audit log", "Notice"),
    "core.jobs": pgettext_lazy("audit log", "Background jobs"),
    "circulation.rule": pgettext_lazy("audit log", "Loan rule"),
    "digitization": pgettext_lazy("audit log", "Scan job"),
    "digitization.ocr": pgettext_lazy("audit log", "Text recognition (OCR)"),
    "digitization.pages": pgettext_lazy("audit log", "Scanned pages"),
    "document": pgettext_lazy("audit log", "Document"),
    "elibrary.board": pgettext_lazy("audit log", "QR board"),
    "elibrary.board.item": pgettext_lazy("audit log", "QR board item"),
    "elibrary.collection": pgettext_lazy("audit log", "Digital collection"),
    "elibrary.item": pgettext_lazy("audit log", "Digital collection item"),
    "event": pgettext_lazy("audit log", "Event"),
    "event.item": pgettext_lazy("audit log", "Copies on show"),
    "event.photo": pgettext_lazy("audit log", "Event photo"),
    "foreignvisit": pgettext_lazy("audit log", "Foreign visit"),
    "headcount": pgettext_lazy("audit log", "Headcount"),
    "hr.report": pgettext_lazy("audit log", "Staff report"),
    "hr.staff": pgettext_lazy("audit log", "Staff record"),
    "hr.training": pgettext_lazy("audit log", "Training"),
    "institution": pgettext_lazy("audit log", "Institution"),
    "interlibrary": pgettext_lazy("audit log", "Interlibrary request"),
    "library": pgettext_lazy("audit log", "Library of the directory"),
    "mediaappearance": pgettext_lazy("audit log", "Media appearance"),
    "membercount": pgettext_lazy("audit log", "Channel members"),
    "method_help": pgettext_lazy("audit log", "Methodological help"),
    "plan": pgettext_lazy("audit log", "Work plan"),
    "post": pgettext_lazy("audit log", "News post"),
    "readers": pgettext_lazy("audit log", "Readers"),
    "readers.organisation": pgettext_lazy("audit log", "Organisation"),
    "readers.organisations": pgettext_lazy("audit log", "Organisations"),
    "readers.reader": pgettext_lazy("audit log", "Reader"),
    "services.order": pgettext_lazy("audit log", "Delivery order"),
    "services.price": pgettext_lazy("audit log", "Price"),
    "services.receipt": pgettext_lazy("audit log", "Receipt"),
    "services.service": pgettext_lazy("audit log", "Paid service"),
    "staff": pgettext_lazy("audit log", "Staff account"),
    "survey": pgettext_lazy("audit log", "Survey"),
    "visits": pgettext_lazy("audit log", "Visits"),
}

CHANGES: dict[str, Promise] = {
    "access": pgettext_lazy("audit log", "access changed"),
    "add": pgettext_lazy("audit log", "added"),
    "add_fact": pgettext_lazy("audit log", "fact added"),
    "add_line": pgettext_lazy("audit log", "line added"),
    "again": pgettext_lazy("audit log", "run again"),
    "amend": pgettext_lazy("audit log", "amended"),
    "anonymise": pgettext_lazy("audit log", "anonymised"),
    "answer_batch": pgettext_lazy("audit log", "answers entered"),
    "answer_delete": pgettext_lazy("audit log", "answer deleted"),
    "answer_online": pgettext_lazy("audit log", "answer received online"),
    "answer_paper": pgettext_lazy("audit log", "paper answer entered"),
    "approve": pgettext_lazy("audit log", "approved"),
    "attach": pgettext_lazy("audit log", "file attached"),
    "batch": pgettext_lazy("audit log", "batch imported"),
    "calendar": pgettext_lazy("audit log", "calendar changed"),
    "cancel": pgettext_lazy("audit log", "cancelled"),
    "catalogue": pgettext_lazy("audit log", "catalogued"),
    "change": pgettext_lazy("audit log", "changed"),
    "change_password": pgettext_lazy("audit log", "password changed"),
    "close": pgettext_lazy("audit log", "closed"),
    "create": pgettext_lazy("audit log", "created"),
    "delete": pgettext_lazy("audit log", "deleted"),
    "delete_fact": pgettext_lazy("audit log", "fact deleted"),
    "deliver": pgettext_lazy("audit log", "delivered"),
    "demo": pgettext_lazy("audit log", "demo records loaded"),
    "describe": pgettext_lazy("audit log", "described"),
    "done": pgettext_lazy("audit log", "done"),
    "draft_next_year": pgettext_lazy("audit log", "next year's draft made"),
    "edit": pgettext_lazy("audit log", "corrected"),
    "expire": pgettext_lazy("audit log", "expired"),
    "export": pgettext_lazy("audit log", "exported"),
    "file": pgettext_lazy("audit log", "file chosen"),
    "file_swept": pgettext_lazy("audit log", "uploaded file removed"),
    "held": pgettext_lazy("audit log", "held"),
    "hosts": pgettext_lazy("audit log", "articles linked to their hosts"),
    "import": pgettext_lazy("audit log", "imported"),
    "import_marc": pgettext_lazy("audit log", "MARC imported"),
    "issue": pgettext_lazy("audit log", "issued"),
    "lend": pgettext_lazy("audit log", "lent"),
    "lost": pgettext_lazy("audit log", "lost"),
    "mark": pgettext_lazy("audit log", "marked"),
    "merge": pgettext_lazy("audit log", "merged"),
    "move": pgettext_lazy("audit log", "moved"),
    "notices": pgettext_lazy("audit log", "notices sent"),
    "open": pgettext_lazy("audit log", "opened"),
    "place": pgettext_lazy("audit log", "placed"),
    "publish": pgettext_lazy("audit log", "published"),
    "question_add": pgettext_lazy("audit log", "question added"),
    "question_delete": pgettext_lazy("audit log", "question deleted"),
    "question_update": pgettext_lazy("audit log", "question edited"),
    "record_facts": pgettext_lazy("audit log", "facts recorded"),
    "register": pgettext_lazy("audit log", "registered"),
    "reissue": pgettext_lazy("audit log", "issued again"),
    "remove": pgettext_lazy("audit log", "removed"),
    "remove_line": pgettext_lazy("audit log", "line removed"),
    "renew": pgettext_lazy("audit log", "renewed"),
    "renew_link": pgettext_lazy("audit log", "link renewed"),
    "replan": pgettext_lazy("audit log", "rescheduled"),
    "replace": pgettext_lazy("audit log", "replaced"),
    "replaced": pgettext_lazy("audit log", "replaced"),
    "resend": pgettext_lazy("audit log", "sent again"),
    "resume": pgettext_lazy("audit log", "resumed"),
    "retry": pgettext_lazy("audit log", "retried"),
    "return": pgettext_lazy("audit log", "returned"),
    "save": pgettext_lazy("audit log", "saved"),
    "set_language": pgettext_lazy("audit log", "language changed"),
    "set": pgettext_lazy("audit log", "set"),
    "set_password": pgettext_lazy("audit log", "password set"),
    "set_pin": pgettext_lazy("audit log", "PIN set"),
    "set_values": pgettext_lazy("audit log", "targets set"),
    "start": pgettext_lazy("audit log", "started"),
    "status": pgettext_lazy("audit log", "status changed"),
    "submit": pgettext_lazy("audit log", "submitted for approval"),
    "sweep": pgettext_lazy("audit log", "finished ones cleared"),
    "template_installed": pgettext_lazy("audit log", "indicator template installed"),
    "text": pgettext_lazy("audit log", "text extracted"),
    "unmark": pgettext_lazy("audit log", "unmarked"),
    "update": pgettext_lazy("audit log", "edited"),
    "update_line": pgettext_lazy("audit log", "line edited"),
}

# Changes that make a thing: their entry holds the new values alone, never [before, after].
CREATIONS = {"create", "register", "add", "issue", "import", "describe", "place", "question_add", "open"}
# Values that are lists of things (MARC lines, accession numbers, field names), never [before,
# after], in entries whose other values may be changes: a list of two is not read as one.
ITEM_LISTS: dict[str, set[str]] = {
    "acquisitions.rare.mark": {"copies"},
    "acquisitions.withdrawal.cancel": {"copies"},
    "acquisitions.withdrawal.edit": {"struck off"},
    "admin.change": {"fields"},
    "catalog.record.update": {"fields_added", "fields_removed"},
}


def label(action: str) -> str:
    subject, _dot, change = action.rpartition(".")
    if subject in SUBJECTS and change in CHANGES:
        return gettext("%(subject)s: %(change)s") % {"subject": SUBJECTS[subject], "change": CHANGES[change]}
    return action


def is_creation(action: str) -> bool:
    return action.rpartition(".")[2] in CREATIONS


def is_item_list(action: str, name: str) -> bool:
    return name in ITEM_LISTS.get(action, ())


def field_label(object_type: str, name: str) -> str:
    """A changed field's name as its model calls it ("phone" → "telefon"), else the name stored."""
    try:
        field = apps.get_model(object_type)._meta.get_field(name)
    except (LookupError, ValueError, FieldDoesNotExist):
        return name
    return str(getattr(field, "verbose_name", name))
