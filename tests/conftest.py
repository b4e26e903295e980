import pytest


@pytest.fixture
def company(db):
    from tests.factories import CompanyFactory

    return CompanyFactory(name="Calix Networks, Inc.")


@pytest.fixture
def member(company):
    """alice: a preparer at the company."""
    from tests.factories import MembershipFactory, UserFactory

    return MembershipFactory(user=UserFactory(username="alice"), company=company).user


@pytest.fixture
def outsider(db):
    """charlie: a member of another company only."""
    from tests.factories import MembershipFactory, UserFactory

    return MembershipFactory(user=UserFactory(username="charlie")).user


@pytest.fixture
def letter(company):
    from tests.factories import CommentLetterFactory

    return CommentLetterFactory(review__company=company)


@pytest.fixture
def member_client(client, member):
    client.force_login(member)
    return client


@pytest.fixture
def outsider_client(client, outsider):
    client.force_login(outsider)
    return client


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Test users need a password, not a slow hash of it."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
