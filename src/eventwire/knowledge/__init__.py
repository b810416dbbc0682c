"""Knowledge as data: countries, the gazetteer, actor dictionaries and lexicons."""
