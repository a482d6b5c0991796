"""MARC: reading ISO 2709 and MARCXML (MARC 21, UNIMARC, RUSMARC), mapping, extracting, writing."""
