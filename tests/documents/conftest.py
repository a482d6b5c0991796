from tests.hr.conftest import hilola, jasur, plan2021, sherzod  # noqa: F401 (shared personas)
