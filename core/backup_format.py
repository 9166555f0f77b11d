"""The backup file format: Django's JSON serialisation with full-precision times (Django's own JSON
encoder cuts microseconds to milliseconds). Registered as "sxshjson" in SERIALIZATION_MODULES."""
import datetime

from django.core.serializers import json
from django.core.serializers.json import DjangoJSONEncoder

Deserializer = json.Deserializer


class FullPrecisionEncoder(DjangoJSONEncoder):
    def default(self, o):
        if isinstance(o, (datetime.datetime, datetime.time)):
            return o.isoformat()
        return super().default(o)


class Serializer(json.Serializer):
    def _init_options(self):
        super()._init_options()
        self.json_kwargs["cls"] = FullPrecisionEncoder
