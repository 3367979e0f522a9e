"""The directory: organisations (fiches), locations (vestigingen), services (aanbod) and their vocabularies.

Names follow Open Referral HSDS 3 where it has one (docs/data-model.md maps each entity).
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.gis.db import models
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex, GistIndex
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from geo.areas.models import SRID, DataSource, Municipality, ServiceArea


class Category(models.Model):
    """Rubriek, a tree. `path` is the chain of codes ("02/02.01") so a subtree is one prefix match."""

    code = models.CharField(max_length=32, unique=True)
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    parent = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="children")
    path = models.CharField(max_length=255, unique=True, editable=False)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("rubriek")
        verbose_name_plural = _("rubrieken")
        ordering = ["path"]
        indexes = [models.Index(fields=["path"], name="category_path", opclasses=["varchar_pattern_ops"])]

    def __str__(self) -> str:
        return self.name

    def compute_path(self) -> str:
        return f"{self.parent.path}/{self.code}" if self.parent else self.code

    @property
    def depth(self) -> int:
        return self.path.count("/")


class Keyword(models.Model):
    """Trefwoord."""

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)

    class Meta:
        verbose_name = _("trefwoord")
        verbose_name_plural = _("trefwoorden")
        ordering = ["name"]
        indexes = [GinIndex(fields=["name"], name="keyword_name_trgm", opclasses=["gin_trgm_ops"])]

    def __str__(self) -> str:
        return self.name


class TargetGroup(models.Model):
    """Doelgroep."""

    code = models.SlugField(max_length=64, unique=True)
    name = models.CharField(max_length=100, unique=True)
    description = models.TextField(blank=True)

    class Meta:
        verbose_name = _("doelgroep")
        verbose_name_plural = _("doelgroepen")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Status(models.TextChoices):
    DRAFT = "draft", _("ontwerp")
    PUBLISHED = "published", _("gepubliceerd")
    ARCHIVED = "archived", _("gearchiveerd")


class OperationalStatus(models.TextChoices):
    """HSDS `status` of an organisation or service: whether it is working now."""

    ACTIVE = "active", _("actief")
    TEMPORARILY_CLOSED = "temporarily_closed", _("tijdelijk gesloten")
    INACTIVE = "inactive", _("stopgezet")


class Sourced(models.Model):
    """Provenance shared by imported records: (source, external_id) is the update-or-create key."""

    source = models.ForeignKey(DataSource, on_delete=models.PROTECT, null=True, blank=True)
    external_id = models.CharField(max_length=128, blank=True)
    is_synthetic = models.BooleanField(
        default=False, help_text=_("Gegenereerd voorbeeldrecord: wordt overal als 'voorbeeld' getoond.")
    )
    field_sources = models.JSONField(
        default=dict, blank=True, help_text=_("Per veld de code van de bron waar de waarde vandaan komt.")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class Organisation(Sourced):
    """Voorziening / organisatie: the fiche."""

    name = models.CharField(max_length=300)
    alternate_names = ArrayField(models.CharField(max_length=300), default=list, blank=True)
    description = models.TextField(blank=True, help_text=_("Algemene werking."))
    parent = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("moederorganisatie"),
    )
    enterprise_number = models.CharField(
        max_length=12, blank=True, help_text=_("KBO-ondernemingsnummer, als 0123.456.789.")
    )
    website = models.URLField(max_length=500, blank=True)
    email = models.EmailField(blank=True)
    languages = ArrayField(models.CharField(max_length=8), default=list, blank=True)
    categories = models.ManyToManyField(Category, blank=True, related_name="organisations")
    keywords = models.ManyToManyField(Keyword, blank=True, related_name="organisations")
    target_groups = models.ManyToManyField(TargetGroup, blank=True, related_name="organisations")
    # Duiding: guidance for professionals only; never shown to anonymous users.
    pro_possibilities = models.TextField(blank=True, verbose_name=_("mogelijkheden (enkel hulpverleners)"))
    pro_limits = models.TextField(blank=True, verbose_name=_("beperkingen (enkel hulpverleners)"))
    pro_referral_tips = models.TextField(blank=True, verbose_name=_("doorverwijstips (enkel hulpverleners)"))
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PUBLISHED)
    operational_status = models.CharField(
        max_length=20, choices=OperationalStatus.choices, default=OperationalStatus.ACTIVE
    )
    last_verified = models.DateField(null=True, blank=True)
    service_area = models.ForeignKey(
        ServiceArea,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
        verbose_name=_("werkingsgebied"),
    )
    # Maintained by services.organisation_refresh_effective_area: the explicit area, else the
    # municipalities of the locations. "Who serves" reads only this column.
    effective_area = models.ForeignKey(
        ServiceArea,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="effective_for_organisations",
    )

    class Meta:
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")
        ordering = ["name"]
        permissions = [("view_professional_fields", _("Mag velden en contacten voor hulpverleners zien"))]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "external_id"], condition=~Q(external_id=""), name="organisation_unique_external_id"
            ),
            models.CheckConstraint(
                condition=Q(enterprise_number="") | Q(enterprise_number__regex=r"^[01]\d{3}\.\d{3}\.\d{3}$"),
                name="organisation_enterprise_number_format",
            ),
        ]
        indexes = [
            GinIndex(fields=["name"], name="organisation_name_trgm", opclasses=["gin_trgm_ops"]),
            models.Index(fields=["status"], name="organisation_status"),
            # "who serves": every published organisation of the areas covering a point, sorted by name and
            # counted, read from the index alone (no heap visit per organisation; thousands in a city)
            models.Index(
                fields=["effective_area"],
                include=["id", "name", "is_synthetic"],
                condition=Q(status="published"),
                name="organisation_serving_cover",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Location(Sourced):
    """Vestiging: an address and a point, with geocoding precision and opening hours."""

    class Precision(models.TextChoices):
        ADDRESS = "address", _("adrespunt")
        INTERPOLATED = "interpolated", _("geïnterpoleerd huisnummer")
        STREET = "street", _("straat")
        POSTAL_AREA = "postal_area", _("postcodegebied")
        MUNICIPALITY = "municipality", _("gemeente")
        SOURCE = "source", _("coördinaten van de bron")
        MANUAL = "manual", _("handmatig geplaatst")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="locations")
    name = models.CharField(max_length=300, blank=True)
    street = models.CharField(max_length=200, blank=True)
    house_number = models.CharField(max_length=20, blank=True)
    box_number = models.CharField(max_length=20, blank=True)
    postcode = models.CharField(max_length=4, blank=True)
    municipality_name = models.CharField(max_length=200, blank=True)
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, null=True, blank=True, related_name="locations"
    )
    point = models.PointField(srid=SRID, null=True, blank=True, spatial_index=False)
    geocode_precision = models.CharField(max_length=16, choices=Precision.choices, blank=True)
    geocode_source = models.CharField(max_length=64, blank=True)
    geocoded_at = models.DateTimeField(null=True, blank=True)
    # A pin an editor placed by hand: it always wins and survives re-geocoding.
    point_locked = models.BooleanField(default=False)
    point_set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    point_set_at = models.DateTimeField(null=True, blank=True)
    is_main = models.BooleanField(default=False, verbose_name=_("hoofdvestiging"))
    accessibility = models.TextField(blank=True, verbose_name=_("toegankelijkheid"))
    opening_hours_note = models.TextField(blank=True, verbose_name=_("openingsuren (toelichting)"))
    opening_hours_raw = models.CharField(
        max_length=500, blank=True, help_text=_("Openingsuren zoals de bron ze geeft (bv. OSM opening_hours).")
    )
    phone = models.CharField(max_length=50, blank=True)
    email = models.EmailField(blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PUBLISHED)

    class Meta:
        verbose_name = _("vestiging")
        verbose_name_plural = _("vestigingen")
        ordering = ["organisation__name", "-is_main", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "external_id"], condition=~Q(external_id=""), name="location_unique_external_id"
            ),
            models.UniqueConstraint(
                fields=["organisation"], condition=Q(is_main=True), name="location_one_main_per_organisation"
            ),
        ]
        indexes = [GistIndex(fields=["point"], name="location_point_gist")]

    def __str__(self) -> str:
        return self.name or f"{self.organisation.name} – {self.address_line}"

    @property
    def address_line(self) -> str:
        number = f" {self.house_number}" if self.house_number else ""
        box = f" bus {self.box_number}" if self.box_number else ""
        town = " ".join(part for part in (self.postcode, self.municipality_name) if part)
        return ", ".join(part for part in (f"{self.street}{number}{box}".strip(), town) if part)


class OpeningHours(models.Model):
    """One weekly slot: weekday (0 = Monday) from `opens` to `closes`."""

    class Weekday(models.IntegerChoices):
        MONDAY = 0, _("maandag")
        TUESDAY = 1, _("dinsdag")
        WEDNESDAY = 2, _("woensdag")
        THURSDAY = 3, _("donderdag")
        FRIDAY = 4, _("vrijdag")
        SATURDAY = 5, _("zaterdag")
        SUNDAY = 6, _("zondag")

    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="opening_hours")
    weekday = models.PositiveSmallIntegerField(choices=Weekday.choices)
    opens = models.TimeField()
    closes = models.TimeField(help_text=_("00:00 betekent middernacht (einde van de dag)."))
    note = models.CharField(max_length=200, blank=True)

    class Meta:
        verbose_name = _("openingsuur")
        verbose_name_plural = _("openingsuren")
        ordering = ["location", "weekday", "opens"]
        constraints = [
            models.CheckConstraint(condition=Q(weekday__lte=6), name="openinghours_weekday_range"),
        ]


class OpeningException(models.Model):
    """A holiday or a special day: closed, or open at other hours."""

    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="opening_exceptions")
    date = models.DateField()
    closed = models.BooleanField(default=True)
    opens = models.TimeField(null=True, blank=True)
    closes = models.TimeField(null=True, blank=True)
    note = models.CharField(max_length=200, blank=True)

    class Meta:
        verbose_name = _("uitzondering op de openingsuren")
        verbose_name_plural = _("uitzonderingen op de openingsuren")
        ordering = ["location", "date"]


class Service(Sourced):
    """Aanbod / activiteit of an organisation, offered at one or more of its locations."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="services")
    name = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    categories = models.ManyToManyField(Category, blank=True, related_name="services")
    keywords = models.ManyToManyField(Keyword, blank=True, related_name="services")
    target_groups = models.ManyToManyField(TargetGroup, blank=True, related_name="services")
    eligibility = models.TextField(blank=True, verbose_name=_("voorwaarden"))
    fees = models.TextField(blank=True, verbose_name=_("kostprijs"))
    application_process = models.TextField(blank=True, verbose_name=_("hoe aanvragen"))
    locations = models.ManyToManyField(Location, blank=True, related_name="services")
    service_area = models.ForeignKey(
        ServiceArea, on_delete=models.PROTECT, null=True, blank=True, related_name="services"
    )
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PUBLISHED)

    class Meta:
        verbose_name = _("aanbod")
        verbose_name_plural = _("aanbod")
        ordering = ["organisation__name", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "external_id"], condition=~Q(external_id=""), name="service_unique_external_id"
            ),
        ]
        indexes = [GinIndex(fields=["name"], name="service_name_trgm", opclasses=["gin_trgm_ops"])]

    def __str__(self) -> str:
        return self.name


class Contact(models.Model):
    """A contact person; professional-only contacts are never shown to anonymous users."""

    class Visibility(models.TextChoices):
        PUBLIC = "public", _("publiek")
        PROFESSIONAL = "professional", _("enkel hulpverleners")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(max_length=200)
    role = models.CharField(max_length=200, blank=True)
    phone = models.CharField(max_length=50, blank=True)
    email = models.EmailField(blank=True)
    visibility = models.CharField(max_length=16, choices=Visibility.choices, default=Visibility.PROFESSIONAL)

    class Meta:
        verbose_name = _("contactpersoon")
        verbose_name_plural = _("contactpersonen")
        ordering = ["organisation", "name"]

    def __str__(self) -> str:
        return self.name


class Phone(models.Model):
    """HSDS `phone`: an organisation can have several numbers, each with a label."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="phones")
    number = models.CharField(max_length=50)
    label = models.CharField(max_length=100, blank=True)

    class Meta:
        verbose_name = _("telefoonnummer")
        verbose_name_plural = _("telefoonnummers")
        ordering = ["organisation", "id"]

    def __str__(self) -> str:
        return f"{self.label}: {self.number}" if self.label else self.number
