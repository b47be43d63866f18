package serve

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// TestMakeNeverEchoesPatient: the form's 400 pages for a bad address or
// name say which field and what is wrong, never quoting any part of it.
func TestMakeNeverEchoesPatient(t *testing.T) {
	t.Parallel()
	_, ts := loadedServer(t, Config{})
	token := formToken(t, ts.URL)
	tests := []struct {
		name, field, value string
		secrets            []string
	}{
		{"text after the address", "to", "maria.lopez@example.com garcia", []string{"garcia", "maria"}},
		{"a second address", "to", "a@x;evil@example.com", []string{"evil", "example.com"}},
		{"two addresses", "to", "maria@example.com, lopez@example.net", []string{"maria", "lopez"}},
		{"unclosed angle", "to", "Maria Garcia <maria@ex", []string{"Maria", "Garcia"}},
		{"outside ASCII", "to", "maría@example.com", []string{"mar", "example.com"}},
		{"a name the font lacks", "name", "李娜", []string{"李", "娜"}},
		{"a long name", "name", strings.Repeat("Zelinda", 10), []string{"Zelinda"}},
		{"a control in the name", "name", "Zelinda\x07", []string{"Zelinda"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := makeForm(token)
			v.Set("do", "email")
			v.Set("to", "a@example.com")
			v.Set(tt.field, tt.value)
			code, _, body := postTimed(t, ts.URL, url.Values(v))
			if code != http.StatusBadRequest {
				t.Fatalf("status %d, want 400: %s", code, body)
			}
			for _, s := range tt.secrets {
				if strings.Contains(string(body), s) {
					t.Errorf("%q is in the 400 page: %q", s, body)
				}
			}
		})
	}
}
