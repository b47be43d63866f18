package mail

import (
	"mime"
	"strings"
	"testing"
)

// TestComposeHeaders composes subjects and names of many lengths and
// scripts and reads them back: encoded-words must decode to the input and
// fold so that no line with one passes 76 characters.
func TestComposeHeaders(t *testing.T) {
	t.Parallel()
	tests := []struct{ name, subject, toName string }{
		{"ascii", "Your aftercare", "Jose"},
		{"ascii long", strings.TrimSpace(strings.Repeat("Your aftercare sheet and calendar ", 8)), "Dr. Jane Example, MD"},
		{"quoted name", "Hello", `Ann "Annie" O\Brien`},
		{"latin", "Después", "Zoë"},
		{"latin long", longSubject, "María José Núñez de la Fuente y Ángeles"},
		{"cjk", strings.Repeat("術後のケアについて", 6), "山田花子"},
		{"emoji", "Listo ✅ 🧴 " + strings.Repeat("día ", 20), "Zoë 🌸"},
		{"looks encoded", "=?utf-8?q?not_really?=", "=?utf-8?q?x?="},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := testMessage()
			m.Subject, m.To.Name = tt.subject, tt.toName
			raw, err := Compose(m)
			if err != nil {
				t.Fatal(err)
			}
			checkMessage(t, raw, m)
			checkWireForm(t, raw)
		})
	}
}

func TestParseAddress(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in      string
		want    Address
		wantErr string
	}{
		{in: "jose@patient.example", want: Address{Addr: "jose@patient.example"}},
		{in: " José Núñez <jose@patient.example> ", want: Address{Name: "José Núñez", Addr: "jose@patient.example"}},
		{in: "=?utf-8?q?Zo=C3=AB?= <zoe@patient.example>", want: Address{Name: "Zoë", Addr: "zoe@patient.example"}},
		{in: `"Núñez, José" <jose@patient.example>`, want: Address{Name: "Núñez, José", Addr: "jose@patient.example"}},
		{in: "jose@patient.example, zoe@patient.example", wantErr: "mail: 2 addresses given; a handout goes to one address at a time"},
		{in: "jose@patient.example\r\nBcc: x@evil.example", wantErr: "mail: the address contains a carriage return (U+000D at byte 20); a header is one line of text: remove line breaks and control characters"},
		{in: "", wantErr: "mail: the address is empty; give one address such as name@example.org"},
		{in: "josé@patient.example", wantErr: "mail: the address address has characters outside ASCII; internationalised addresses are not supported: give an ASCII address"},
		{in: "jose at patient.example", wantErr: "mail: the address cannot be read as name@domain (no angle-addr); give one address such as name@example.org"},
	}
	for _, tt := range tests {
		got, err := ParseAddress(tt.in)
		if tt.wantErr != "" {
			if err == nil || err.Error() != tt.wantErr {
				t.Errorf("ParseAddress(%q) error = %v, want %q", tt.in, err, tt.wantErr)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("ParseAddress(%q) = %+v, %v, want %+v", tt.in, got, err, tt.want)
		}
	}
}

func TestParamTokens(t *testing.T) {
	t.Parallel()
	tests := []struct{ name, fallback string }{
		{"aftercare.pdf", "aftercare.pdf"},
		{`odd "name".pdf`, `odd "name".pdf`},
		{"José.pdf", "Jose.pdf"},
		{"术后护理.pdf", "____.pdf"},
		{strings.Repeat("cuidados-después-", 8) + ".pdf", strings.Repeat("cuidados-despues-", 8) + ".pdf"},
		{strings.Repeat("护理", 40) + ".pdf", strings.Repeat("__", 40) + ".pdf"},
	}
	for _, tt := range tests {
		tokens := paramTokens("filename", tt.name)
		header := "attachment; " + strings.Join(tokens, " ")
		_, params, err := mime.ParseMediaType(header)
		if err != nil || params["filename"] != tt.name {
			t.Errorf("paramTokens(%q) = %q, reads back as %q (%v)", tt.name, header, params["filename"], err)
		}
		for _, tok := range tokens {
			if len(tok) > maxLine-1 {
				t.Errorf("paramTokens(%q): token %q is %d characters, more than a folded line holds", tt.name, tok, len(tok))
			}
		}
		if got := asciiFallback(tt.name); got != tt.fallback {
			t.Errorf("asciiFallback(%q) = %q, want %q", tt.name, got, tt.fallback)
		}
	}
}
