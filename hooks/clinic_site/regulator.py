"""The clinic's registration with its regulator, shown in every page's footer (optional).

In England a clinic whose staff carry out regulated activities (for example injections by a doctor
or nurse) registers with the Care Quality Commission; readers can look the registration up.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from clinic_site.safe_values import WrittenText


class Regulator(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    name: Annotated[WrittenText, Field(min_length=2, description="The regulator's name, e.g. Care Quality Commission")]
    id: Annotated[str, Field(min_length=1, description="The clinic's registration number with that regulator")]
    url: Annotated[
        str | None,
        Field(
            pattern=r"^https://[^\s/]+\.[^\s/]+(/\S*)?$",
            description="The web address of the clinic's entry in the regulator's register, starting https://",
        ),
    ] = None
