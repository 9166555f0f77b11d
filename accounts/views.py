from django.contrib import messages
from django.contrib.auth import login, logout, update_session_auth_hash
from django.contrib.auth.forms import PasswordChangeForm
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.encoding import force_str
from django.utils.http import url_has_allowed_host_and_scheme, urlsafe_base64_decode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from rest_framework.authtoken.models import Token

from . import services
from .forms import (
    ApproveForm,
    LoginForm,
    MembershipRoleForm,
    NewPasswordForm,
    ProfileForm,
    RegistrationForm,
    RejectForm,
)
from .models import AccountRequest, AccountRequestStatus, Membership, User
from .permissions import forget, login_required, office_admin_required
from .tokens import set_password_token


def login_view(request):
    """Failures are counted, and a locked-out attempt answered, by django-axes (accounts/throttle.py)."""
    form = LoginForm(request, data=request.POST or None)
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if request.method == "POST" and form.is_valid():
        login(request, form.user)
        if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure()):
            next_url = ""
        return redirect(next_url or "core:dashboard")
    return render(request, "accounts/login.html", {"form": form, "next": next_url})


@require_POST
def logout_view(request):
    logout(request)
    messages.info(request, _("Bạn đã đăng xuất."))
    return redirect("portal:home")


def register(request):
    form = RegistrationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if services.email_in_use(form.cleaned_data["email"]):
            # The same answer as for a new address, so the form cannot tell who has an account.
            services.tell_about_existing_account(form.cleaned_data["email"])
            return redirect("accounts:register_done")
        try:
            services.request_account(**form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("accounts:register_done")
    return render(request, "accounts/register.html", {"form": form})


def register_done(request):
    return render(request, "accounts/register_done.html")


def set_password(request, uidb64, token):
    """The one-time link mailed after approval (and by the forgotten-password page)."""
    try:
        user = User.objects.get(pk=force_str(urlsafe_base64_decode(uidb64)), is_active=True)
    except (User.DoesNotExist, ValueError, TypeError, OverflowError):
        user = None
    if user is None or not set_password_token.check_token(user, token):
        return render(request, "accounts/set_password_invalid.html", status=400)
    form = NewPasswordForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.save()
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, _("Đã đặt mật khẩu. Chào mừng bạn đến với hệ thống SXSH."))
        return redirect("core:dashboard")
    return render(request, "accounts/set_password.html", {"form": form, "account": user})


def forgot_password(request):
    """Mails a new one-time link when the address has an active account; says the same either way."""
    if request.method == "POST":
        services.send_reset_link(request.POST.get("email", ""))
        messages.info(request, _("Nếu địa chỉ này có tài khoản, một đường dẫn đặt mật khẩu đã được gửi tới."))
        return redirect("accounts:login")
    return render(request, "accounts/forgot_password.html")


@login_required
def profile(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Đã lưu thông tin cá nhân."))
        return redirect("accounts:profile")
    token = Token.objects.filter(user=request.user).first()
    return render(request, "accounts/profile.html", {"form": form, "token": token})


@login_required
@require_POST
def revoke_token(request):
    """Revokes the person's API token (units' systems then need a new one from /api/v1/token/)."""
    Token.objects.filter(user=request.user).delete()
    messages.success(request, _("Đã thu hồi khoá API. Hệ thống của đơn vị cần lấy khoá mới để kết nối."))
    return redirect("accounts:profile")


@login_required
def change_password(request):
    form = PasswordChangeForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        update_session_auth_hash(request, user)
        messages.success(request, _("Đã đổi mật khẩu."))
        return redirect("accounts:profile")
    return render(request, "accounts/change_password.html", {"form": form})


@office_admin_required
def request_list(request):
    status = request.GET.get("status", AccountRequestStatus.PENDING)
    requests = AccountRequest.objects.select_related("organisation", "decided_by")
    if status in AccountRequestStatus.values:
        requests = requests.filter(status=status)
    return render(
        request,
        "accounts/request_list.html",
        {"requests": requests, "status": status, "statuses": AccountRequestStatus.choices},
    )


@office_admin_required
def request_detail(request, pk):
    account_request = get_object_or_404(AccountRequest.objects.select_related("organisation"), pk=pk)
    approve_form = ApproveForm(initial={"role": account_request.requested_role})
    reject_form = RejectForm()
    if request.method == "POST":
        try:
            if request.POST.get("action") == "approve":
                approve_form = ApproveForm(request.POST)
                if approve_form.is_valid():
                    services.approve_request(
                        account_request=account_request, decided_by=request.user, role=approve_form.cleaned_data["role"]
                    )
                    messages.success(request, _("Đã duyệt và gửi đường dẫn đặt mật khẩu tới %(email)s.") % {"email": account_request.email})
                    return redirect("accounts:request_list")
            elif request.POST.get("action") == "reject":
                reject_form = RejectForm(request.POST)
                if reject_form.is_valid():
                    services.reject_request(
                        account_request=account_request, decided_by=request.user, reason=reject_form.cleaned_data["reason"]
                    )
                    messages.success(request, _("Đã từ chối yêu cầu."))
                    return redirect("accounts:request_list")
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
    return render(
        request,
        "accounts/request_detail.html",
        {"account_request": account_request, "approve_form": approve_form, "reject_form": reject_form},
    )


@office_admin_required
def user_list(request):
    users = User.objects.prefetch_related(
        Prefetch("memberships", queryset=Membership.objects.select_related("organisation"))
    ).order_by("full_name")
    query = request.GET.get("q", "").strip()
    if query:
        users = users.filter(full_name__icontains=query) | users.filter(email__icontains=query)
    return render(request, "accounts/user_list.html", {"users": users, "q": query})


@office_admin_required
def user_detail(request, pk):
    account = get_object_or_404(User, pk=pk)
    memberships = account.memberships.select_related("organisation")
    if request.method == "POST":
        try:
            action = request.POST.get("action")
            if action in ("activate", "deactivate"):
                services.set_active(user=account, active=action == "activate", changed_by=request.user)
                messages.success(request, _("Đã cập nhật tài khoản."))
            elif action == "role":
                membership = get_object_or_404(Membership, pk=request.POST.get("membership"), user=account)
                form = MembershipRoleForm(request.POST)
                if form.is_valid():
                    services.change_role(membership=membership, role=form.cleaned_data["role"], changed_by=request.user)
                    forget(account)
                    messages.success(request, _("Đã đổi vai trò."))
            elif action == "resend":
                services.send_set_password_link(account)
                messages.success(request, _("Đã gửi lại đường dẫn đặt mật khẩu."))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect("accounts:user_detail", pk=account.pk)
    return render(
        request,
        "accounts/user_detail.html",
        {"account": account, "memberships": memberships, "role_form": MembershipRoleForm(), "history": account.history.all()[:50]},
    )
