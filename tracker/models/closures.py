from django.db import models


class SecClosure(models.Model):
    """A weekday that is not a federal holiday on which the SEC was closed (a national day of
    mourning, Christmas Eve by executive order): not a business day for response dates."""

    day = models.DateField(unique=True)
    reason = models.CharField(max_length=200)

    class Meta:
        ordering = ["day"]
        verbose_name = "SEC closure"

    def __str__(self) -> str:
        return f"{self.day:%B %-d, %Y}: {self.reason}"
