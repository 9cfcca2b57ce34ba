"""Sign-in throttling: a user name is locked from an address after five wrong passwords (django-axes)."""

from datetime import timedelta

import pytest
import time_machine
from axes.models import AccessAttempt
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from tests.factories import SuperuserFactory, UserFactory

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"
PASSWORD = "mat-khau-thu-nghiem"  # the factories' password
ATTACKER, OFFICE = "198.51.100.66", "203.0.113.10"
LOCKED = "Đăng nhập sai mật khẩu quá nhiều lần"
WRONG = "không trùng với mật khẩu"  # Wagtail's "Your username and password didn't match"


@pytest.fixture
def administrator(db):
    return SuperuserFactory(username="quantri")


def sign_in(client, password, *, username="quantri", address=ATTACKER, **headers):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address, **headers)


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_five_wrong_passwords_lock_the_user_name_even_for_the_right_one(client, administrator):
    for attempt in range(4):
        response = sign_in(client, f"doan-mo-{attempt}")
        assert response.status_code == 200
        assert WRONG in response.content.decode()

    fifth = sign_in(client, "doan-mo-5")
    right = sign_in(client, PASSWORD)

    for response in (fifth, right):
        page = response.content.decode()
        assert response.status_code == 429
        assert LOCKED in page
        assert "bị khóa 15 phút" in page
        assert 'name="password"' in page  # the login form, with the message above it
        assert WRONG not in page
    assert not signed_in(client)


def test_a_hundred_wrong_passwords_are_refused_after_the_fifth(client, administrator):
    statuses = [sign_in(client, f"doan-mo-{attempt}").status_code for attempt in range(100)]

    assert statuses[:4] == [200] * 4
    assert set(statuses[4:]) == {429}
    assert sign_in(client, PASSWORD).status_code == 429
    assert not signed_in(client)


def test_another_address_is_not_locked(client, administrator):
    for attempt in range(5):
        sign_in(client, f"doan-mo-{attempt}")

    response = sign_in(Client(), PASSWORD, address=OFFICE)

    assert response.status_code == 302
    assert response["Location"] == "/admin/"


def test_another_user_name_from_the_same_address_is_not_locked(client, administrator):
    UserFactory(username="bientap", is_superuser=True)
    for attempt in range(5):
        sign_in(client, f"doan-mo-{attempt}")

    assert sign_in(Client(), PASSWORD, username="bientap").status_code == 302


def test_the_lockout_is_kept_in_the_database_across_requests_and_clients(administrator):
    for attempt in range(5):
        sign_in(Client(), f"doan-mo-{attempt}")  # a new client each time: no session to remember
    cache.clear()

    assert AccessAttempt.objects.filter(username="quantri", ip_address=ATTACKER).exists()
    assert sign_in(Client(), PASSWORD).status_code == 429


def test_the_lockout_ends_after_fifteen_minutes(client, administrator):
    start = timezone.now()
    with time_machine.travel(start):
        for attempt in range(5):
            sign_in(client, f"doan-mo-{attempt}")
    with time_machine.travel(start + timedelta(minutes=14)):
        assert sign_in(Client(), PASSWORD).status_code == 429
    with time_machine.travel(start + timedelta(minutes=14 + 16)):  # the refused attempt started it again
        assert sign_in(Client(), PASSWORD).status_code == 302


def test_behind_a_proxy_the_forwarded_address_is_the_one_locked(client, settings, administrator):
    settings.TRUSTED_PROXY_COUNT = 1
    for attempt in range(5):
        sign_in(client, f"doan-mo-{attempt}", address="10.0.0.2", HTTP_X_FORWARDED_FOR=ATTACKER)

    assert sign_in(Client(), PASSWORD, address="10.0.0.2", HTTP_X_FORWARDED_FOR=ATTACKER).status_code == 429
    assert sign_in(Client(), PASSWORD, address="10.0.0.2", HTTP_X_FORWARDED_FOR=OFFICE).status_code == 302
    assert AccessAttempt.objects.get().ip_address == ATTACKER


def test_a_forwarded_entry_that_is_not_an_address_is_no_server_error(client, settings, administrator):
    settings.TRUSTED_PROXY_COUNT = 1
    for _ in range(5):
        response = sign_in(client, "doan-mo", address="10.0.0.2", HTTP_X_FORWARDED_FOR="khong-phai-ip")
        assert response.status_code in (200, 429)

    assert response.status_code == 429


def test_the_limit_and_lockout_come_from_the_settings(client, settings, administrator):
    settings.AXES_FAILURE_LIMIT = 2
    sign_in(client, "doan-mo")

    assert sign_in(client, "doan-mo").status_code == 429


def test_an_administrator_sees_the_locked_user_name_and_unlocks_it(client, administrator):
    for attempt in range(5):
        sign_in(client, f"doan-mo-{attempt}")
    boss = Client()
    boss.force_login(SuperuserFactory(username="truongphong"))

    listing = boss.get("/admin/login-lockouts/")
    page = listing.content.decode()
    assert listing.status_code == 200
    assert "Đăng nhập bị khóa" in page
    assert "quantri" in page and ATTACKER in page
    assert '"url": "/admin/login-lockouts/"' in boss.get("/admin/").content.decode()  # in the Settings menu

    unlocked = boss.post(
        "/admin/login-lockouts/", {"username": "quantri", "ip_address": ATTACKER}, follow=True
    )

    assert "“quantri” có thể đăng nhập lại." in unlocked.content.decode()
    assert "quantri" not in boss.get("/admin/login-lockouts/").context["locked"].__repr__()
    assert sign_in(Client(), PASSWORD).status_code == 302


def test_unlocking_something_that_is_not_locked_says_so(administrator):
    boss = Client()
    boss.force_login(administrator)

    response = boss.post("/admin/login-lockouts/", {"username": "khong-ai", "ip_address": "xyz"}, follow=True)

    assert response.status_code == 200
    assert "Hãy chọn một tên đăng nhập đang bị khóa để mở khóa." in response.content.decode()


def test_only_users_who_may_change_users_see_the_locked_sign_ins(client, administrator):
    editor = UserFactory(username="bientap")
    editor.groups.add(Group.objects.get(name="Biên tập viên"))
    client.force_login(editor)

    # Wagtail turns the refusal into a redirect to the dashboard with "no permission".
    assert client.get("/admin/login-lockouts/")["Location"] == "/admin/"
    assert client.post("/admin/login-lockouts/", {"username": "quantri"})["Location"] == "/admin/"
    assert "/admin/login-lockouts/" not in client.get("/admin/").content.decode()

    user_managers = Group.objects.create(name="Quản lý người dùng")
    user_managers.permissions.add(
        Permission.objects.get(codename="access_admin"), Permission.objects.get(codename="change_user")
    )
    editor.groups.add(user_managers)

    assert client.get("/admin/login-lockouts/").status_code == 200
