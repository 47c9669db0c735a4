"""Countries and the words news uses for their people: to tell when a headline is about somewhere no topic
covers ("Pakistani, Afghan border forces clash" in a feed followed for the Iran war)."""

from __future__ import annotations

import re
from collections.abc import Iterable

# The places most often in international news; a topic's own terms are left out wherever they appear here.
PLACES = tuple(
    """
    Afghanistan, Afghan, Afghans, Pakistan, Pakistani, Pakistanis, India, Indian, China, Chinese, Japan, Japanese,
    North Korea, North Korean, South Korea, South Korean, Taiwan, Taiwanese, Myanmar, Thailand, Thai, Cambodia,
    Cambodian, Philippines, Filipino, Indonesia, Indonesian, Bangladesh, Bangladeshi, Nepal, Nepali, Nepalese,
    Sri Lanka, Sri Lankan, Iraq, Iraqi, Syria, Syrian, Turkey, Turkish, Yemen, Yemeni, Houthi, Houthis,
    Saudi Arabia, Saudi, Qatar, Qatari, Kuwait, Kuwaiti, Bahrain, Bahraini, Oman, Omani, Jordan, Jordanian,
    Egypt, Egyptian, Libya, Libyan, Tunisia, Tunisian, Algeria, Algerian, Morocco, Moroccan, Mali, Malian, Niger,
    Nigeria, Nigerian, Chad, Chadian, Burkina Faso, Ethiopia, Ethiopian, Eritrea, Eritrean, Somalia, Somali, Kenya,
    Kenyan, Congo, Congolese, Rwanda, Rwandan, Uganda, Ugandan, South Africa, South African, Mozambique, Cameroon,
    Benin, Haiti, Haitian, Venezuela, Venezuelan, Colombia, Colombian, Mexico, Mexican, Cuba, Cuban, Brazil,
    Brazilian, Argentina, Chile, Peru, Ecuador, Canada, Canadian, Australia, Australian, New Zealand, Britain,
    British, France, French, Germany, German, Italy, Italian, Spain, Spanish, Poland, Polish, Hungary, Hungarian,
    Romania, Romanian, Serbia, Serbian, Kosovo, Greece, Greek, Cyprus, Cypriot, Armenia, Armenian, Azerbaijan,
    Georgia, Georgian, Belarus, Belarusian, Moldova, Finland, Finnish, Sweden, Swedish, Norway, Norwegian, Denmark,
    Danish, Netherlands, Dutch, Belgium, Switzerland, Swiss, Austria, Kazakhstan, Vietnam, Vietnamese, Malaysia
    """.replace("\n", " ").split(",")
)


def place_pattern(exclude: Iterable[re.Pattern[str]]) -> re.Pattern[str]:
    """One regex for every place that none of `exclude` (the topics' terms) matches."""
    names = [p.strip() for p in PLACES if p.strip()]
    kept = [n for n in names if not any(pattern.fullmatch(n) for pattern in exclude)]
    return re.compile(r"\b(?:" + "|".join(re.escape(n) for n in sorted(kept, key=len, reverse=True)) + r")\b")
