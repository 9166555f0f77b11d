from django import forms
from django.contrib.auth import authenticate
from django.contrib.auth.forms import SetPasswordForm
from django.utils.translation import gettext_lazy as _

from core.registry import hooks

from .models import UNIT_ROLES, AccountRequest, NotificationChannel, Role, User
from .services import email_in_use


def unit_field():
    """The unit picker of the sign-up form. The registry sits above accounts (its pages check permissions), so
    it lends the field through `<app>/registration.py: unit_field(label)`; exactly one app provides it."""
    [(_app, build)] = hooks("registration", "unit_field")
    return build(label=_("Đơn vị công tác"))


class RegistrationForm(forms.ModelForm):
    class Meta:
        model = AccountRequest
        fields = ["organisation", "full_name", "position", "email", "phone", "requested_role", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"] = unit_field()  # built per request: the units in force today

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if email_in_use(email):
            raise forms.ValidationError(_("Địa chỉ thư điện tử này đã có tài khoản hoặc đang chờ duyệt."))
        return email


class LoginForm(forms.Form):
    email = forms.EmailField(label=_("Thư điện tử"))
    password = forms.CharField(label=_("Mật khẩu"), widget=forms.PasswordInput)

    def __init__(self, request=None, *args, **kwargs):
        self.request = request
        self.user = None
        super().__init__(*args, **kwargs)

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        self.user = authenticate(self.request, username=data["email"].lower(), password=data["password"])
        if self.user is None:
            raise forms.ValidationError(_("Thư điện tử hoặc mật khẩu không đúng, hoặc tài khoản chưa được kích hoạt."))
        return data


class ApproveForm(forms.Form):
    role = forms.ChoiceField(label=_("Vai trò"), choices=[(r.value, r.label) for r in Role if r in UNIT_ROLES])


class RejectForm(forms.Form):
    reason = forms.CharField(label=_("Lý do từ chối"), widget=forms.Textarea(attrs={"rows": 3}))


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["full_name", "position", "phone", "notification_channel"]
        widgets = {"notification_channel": forms.RadioSelect(choices=NotificationChannel.choices)}


class MembershipRoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Vai trò"), choices=Role.choices)


class NewPasswordForm(SetPasswordForm):
    """Django's form, with our labels."""
