"""Registry actions. django-simple-history keeps who changed what and when."""
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from core import clock, uploads

from .models import FocalUnit


@transaction.atomic
def save_focal_unit(*, organisation, data: dict, contacts: list[dict]) -> FocalUnit:
    """Record the focal unit and replace its contact officers, all or nothing. A designating decision's
    file (PDF or Word, checked by its content) is published on the focal-unit directory."""
    data = dict(data)
    upload = data.get("decision_file")
    if upload is False:  # the form's "clear" box
        data["decision_file"] = ""
    elif isinstance(upload, UploadedFile):
        data["decision_file"] = uploads.check(upload, kind="document")
    focal_unit = FocalUnit.objects.select_for_update().filter(organisation=organisation).first()
    if focal_unit is None:
        focal_unit = FocalUnit(organisation=organisation)
    for field, value in data.items():
        setattr(focal_unit, field, value)
    focal_unit.updated_at = clock.now()
    focal_unit.full_clean(exclude=["organisation"])
    focal_unit.save()
    kept = []
    for contact in contacts:
        if not contact.get("full_name"):
            raise ValidationError("Mỗi cán bộ liên hệ cần có họ và tên.")
        contact_id = contact.pop("id", None)
        if contact_id:
            obj = focal_unit.contacts.get(pk=contact_id)
            for field, value in contact.items():
                setattr(obj, field, value)
            obj.full_clean(exclude=["focal_unit"])
            obj.save()
        else:
            obj = focal_unit.contacts.create(**contact)
        kept.append(obj.pk)
    for stale in focal_unit.contacts.exclude(pk__in=kept):
        stale.delete()  # one by one so each deletion is recorded in the history
    return focal_unit
