package lang

// englishWords are the words English handouts write around content, in a
// spelling every English locale shares.
func englishWords() *Words {
	return &Words{
		Hours:        [2]string{"hour", "hours"},
		DaysWord:     [2]string{"day", "days"},
		WeeksWord:    [2]string{"week", "weeks"},
		AmountFormat: "%d" + nb + "%s",
		For:          "for %s",
		Until:        "until %s",
		UntilTime:    "until %s at" + nb + "%s",
		FromDay:      "from day" + nb + "%d",
		From:         "from %s",
		DayN:         "Day" + nb + "%d",
		Page:         "Page %d of %d",
		PreparedFor:  "Prepared for %s",
		Treated:      "Treatment day (day" + nb + "0): %s",
		DateAt:       "%s at" + nb + "%s",
		SummaryTitle: "The most important things",
		CalDo:        "Do (tick when done)",
		CalAvoid:     "Avoid",
		CalExpect:    "What to expect",
		UntilDay:     "until day" + nb + "%d",
		Ends:         "%s: this ends now",
		TimeNames:    map[string]string{"morning": "morning", "midday": "midday", "evening": "evening", "bedtime": "bedtime"},
		ReadOnline:   "Read this online, or scan the code with your phone:",
		LogoAlt:      "%s logo",
		Today:        "Today",
		StorageBlocked: "This browser will not keep your ticks (its storage is blocked, for example in private browsing). " +
			"You can still tick boxes, but they will be cleared when you close or reload the page. A printed copy keeps them.",
	}
}

// spanishWords are the words Spanish handouts write around content, for
// patients in the US, addressed as usted (the translator's table). The
// no-break spaces keep "día 3", "48 horas" and "a las 10:30" together.
func spanishWords() *Words {
	return &Words{
		Hours:        [2]string{"hora", "horas"},
		DaysWord:     [2]string{"día", "días"},
		WeeksWord:    [2]string{"semana", "semanas"},
		AmountFormat: "%d" + nb + "%s",
		For:          "durante %s",
		Until:        "hasta el %s",
		UntilTime:    "hasta el %s a" + nb + "las" + nb + "%s",
		UntilTimeOne: "hasta el %s a" + nb + "la" + nb + "%s",
		FromDay:      "desde el día" + nb + "%d",
		From:         "desde el %s",
		DayN:         "Día" + nb + "%d",
		Page:         "Página %d de %d",
		PreparedFor:  "Para: %s",
		Treated:      "Día del tratamiento (día" + nb + "0): %s",
		DateAt:       "%s a" + nb + "las" + nb + "%s",
		DateAtOne:    "%s a" + nb + "la" + nb + "%s",
		SummaryTitle: "Lo más importante",
		CalDo:        "Qué hacer (marque al terminar)",
		CalAvoid:     "Qué evitar",
		CalExpect:    "Qué esperar",
		UntilDay:     "hasta el día" + nb + "%d",
		Ends:         "%s: termina ahora",
		TimeNames:    map[string]string{"morning": "mañana", "midday": "mediodía", "evening": "noche", "bedtime": "al acostarse"},
		ReadOnline:   "Lea esto en internet o escanee el código con su teléfono:",
		LogoAlt:      "Logotipo de %s",
		Today:        "Hoy",
		StorageBlocked: "Este navegador no guardará sus marcas (su almacenamiento está bloqueado, por ejemplo en la navegación privada). " +
			"Puede marcar las casillas, pero se borrarán al cerrar o volver a cargar la página. Una copia impresa sí las guarda.",
	}
}
