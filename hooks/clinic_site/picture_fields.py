"""The picture fields of the content model: a treatment's image and before/after photos.

Declared here and used in one block of `model.Treatment` (and as `image:` in any page's front
matter, e.g. the home page's hero). The files themselves are checked and converted by
`clinic_site.images`, which knows the docs folder.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

from clinic_site.safe_values import WrittenText as Text


def _yaml_boolean(value):
    """Only YAML's true and false: pydantic would also take 1, 1.0 or 'yes' for a tick box."""
    if not isinstance(value, bool):
        raise ValueError("not true or false")
    return value


# A box the editor ticks: written `true`, nothing else (consent given as 1 or 'yes' is a mistake).
OnlyTrue = Annotated[Literal[True], BeforeValidator(_yaml_boolean)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Picture(_Strict):
    file: Annotated[
        Text,
        Field(
            description="The picture's file, relative to docs/: SVG, PNG, JPEG or WebP.",
            examples=["images/peel-depths.svg"],
        ),
    ]
    alt: Annotated[
        Text,
        Field(
            max_length=400,
            description="What the picture shows, for people who cannot see it.",
            examples=["Cross-section of skin showing how deep light, medium and deep peels reach."],
        ),
    ]
    caption: Annotated[
        Text | None,
        Field(max_length=200, description="A short caption shown under the picture.", examples=["How deep each peel reaches"]),
    ] = None


class BeforeAfterPhotos(_Strict):
    """Real patients' photos: UK advertising rules (CAP Code) require them to be genuine and
    unretouched, and publishing them needs the patient's written consent."""

    before: Annotated[Picture, Field(description="The photo taken before treatment (file and alt).")]
    after: Annotated[Picture, Field(description="The photo taken after the course, in the same light and pose (file and alt).")]
    after_weeks: Annotated[
        int | None, Field(ge=0, le=520, description="Weeks after the last session the 'after' photo was taken.", examples=[12])
    ] = None
    patient_consent: Annotated[
        OnlyTrue,
        Field(
            description="true, once the patient's written consent to publish these photos is on file.",
            examples=[True],
        ),
    ]
    unretouched: Annotated[
        OnlyTrue,
        Field(description="true: the photos are not retouched or filtered, only cropped.", examples=[True]),
    ]
