"""Killer Words' dictionaries: common nouns (Russian and English, from frequency lists, five to ten
letters) and the community's "deadly" themes. Shipped with the code so a game never needs a network."""

from __future__ import annotations

RU = (
    "человек время работа жизнь деньги вопрос страна решение дорога машина собака кошка учитель "
    "больница неделя история минута память начало письмо погода правда причина птица работник "
    "ребенок рисунок самолет сердце сестра собрание солнце спектакль столица стрела тарелка "
    "телефон театр тетрадь улица утро фабрика ферма фонарь футбол характер хлеб цветок часы "
    "чемодан шоколад школа экзамен энергия яблоко язык картина книга комната корабль лампа лестница "
    "магазин молоко мороженое музыка облако огонь окно остров память песня платье поезд праздник "
    "радуга ракета река родина рубашка сказка снеговик стакан звезда здание игрушка календарь "
    "карандаш капуста квартира компьютер кровать лодка медведь метро мечта неделя одеяло орехи "
    "пингвин пирог подарок портфель пустыня ромашка сахар скамейка слон танец трамвай тыква"
).split()
EN = (
    "people history way art world information map family government health system computer meat "
    "year thanks music person reading method data food understanding theory law bird literature "
    "problem software control knowledge power ability economics love internet television science "
    "library nature fact product idea temperature investment area society activity story industry "
    "media thing oven community definition safety quality development language management player "
    "variety video week security country exam movie organization equipment physics analysis policy "
    "series thought basis boyfriend direction strategy technology army camera freedom paper "
    "environment child instance month truth marketing university writing article department "
    "difference goal news audience fishing growth income marriage user combination failure meaning"
).split()
DEADLY: dict[str, tuple[str, ...]] = {
    "яды": ("мышьяк", "цианид", "стрихнин", "рицин", "белладонна", "цикута", "аконит", "кураре"),
    "оружие": ("арбалет", "кинжал", "револьвер", "алебарда", "рапира", "гарпун", "булава", "катана"),
    "хищники": ("крокодил", "акула", "гиена", "пиранья", "скорпион", "кобра", "тарантул", "ягуар"),
    "катастрофы": ("цунами", "лавина", "ураган", "извержение", "землетрясение", "наводнение", "торнадо"),
    "болезни": ("чума", "холера", "оспа", "малярия", "тиф", "бешенство", "лихорадка", "дифтерия"),
}
