"""Forms of the Settings page (Flask-WTF: every post carries a CSRF token)."""

from __future__ import annotations

from datetime import timedelta

from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import BooleanField, DateField, PasswordField, StringField
from wtforms.validators import Length, Optional, ValidationError

from .. import clock
from . import branding, checks

# The guide's advice: 730 days (24 months), with a reminder on your side.
DEFAULT_SECRET_DAYS = 730


def _default_expiry():
    return clock.now().date() + timedelta(days=DEFAULT_SECRET_DAYS)


def _check(problem):
    """A WTForms validator from one of credential_checks' ``*_problem`` functions."""

    def validator(form, field):
        message = problem(field.data)
        if message:
            raise ValidationError(message)

    return validator


class DayField(DateField):
    """A date whose problems the form's own check words: an empty or unreadable value is just
    missing, instead of a second, generic "Not a valid date value"."""

    def process_formdata(self, valuelist):
        try:
            super().process_formdata(valuelist)
        except ValueError:
            self.data = None


def _expiry(form, field):
    message = checks.expiry_problem(field.data, clock.now().date())
    if message:
        raise ValidationError(message)


def _stripped(value):
    """A text field's value without surrounding spaces; a field left out of the post is ""."""
    return (value or "").strip()


def _secret_if_given(form, field):
    if field.data:
        _check(checks.secret_problem)(form, field)


class CredentialsForm(FlaskForm):
    """Custom credentials; a blank secret keeps the stored one (it is never shown back)."""

    client_id = StringField("Application (client) ID",
                            [_check(checks.client_id_problem)],
                            filters=[lambda v: _stripped(v).lower()])
    client_secret = PasswordField("Client secret (Value)", [_secret_if_given],
                                  filters=[_stripped])
    expires_on = DayField("Secret expires on", [_expiry], default=_default_expiry)
    tenant_id = StringField("Directory (tenant) ID", [_check(checks.tenant_problem)],
                            filters=[lambda v: _stripped(v).lower()])

    def validate_client_id(self, field):
        message = checks.same_ids_problem(field.data, self.tenant_id.data)
        if message:
            raise ValidationError(message)


class NewSecretForm(FlaskForm):
    """A second secret for rotation."""

    client_secret = PasswordField("New client secret (Value)",
                                  [_check(checks.secret_problem)],
                                  filters=[_stripped])
    expires_on = DayField("Expires on", [_expiry], default=_default_expiry)


class BrandingForm(FlaskForm):
    """Product name, colour, support contact, logo."""

    product_name = StringField("Product name", [Optional(), Length(max=80)], filters=[_stripped])
    primary_color = StringField("Primary colour", [Optional()], filters=[_stripped])
    support_contact = StringField("Support contact (email or URL)", [Optional(), Length(max=320)],
                                  filters=[_stripped])
    logo = FileField("Logo (PNG or JPEG, up to 200 KB)")
    remove_logo = BooleanField("Remove the logo")

    def validate_support_contact(self, field):
        value = field.data
        if value.lower().startswith("mailto:"):
            value = value[len("mailto:"):]
        field.data = value
        if value and not branding.contact_is_linkable(value):
            raise ValidationError("Enter an email address, or a web address starting with "
                                  "https://.")

    def validate_primary_color(self, field):
        if field.data and not branding.COLOR.match(field.data):
            raise ValidationError("Use a colour like #2b5ce6.")

    def validate_logo(self, field):
        data = field.data.read() if field.data else b""
        field.data = data
        if data and (len(data) > branding.MAX_LOGO_BYTES or not branding.logo_type(data)):
            raise ValidationError("The logo must be a PNG or JPEG file of at most 200 KB.")
