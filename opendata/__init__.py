"""opendata: validate, convert and publish a council's open data on data.gov.ua."""

__version__ = "0.1.0"
