package mail

import (
	"fmt"
	netmail "net/mail"
	"strings"
)

// Address is one mailbox: an optional display name and the address itself
// ("care@harborskin.example"). The name may be any single line of Unicode
// ("Zoë", "Harbor Skin Studio"); the address is plain ASCII.
type Address struct {
	Name string // display name; "" for none
	Addr string // addr-spec, as net/mail.ParseAddress reads it
}

// ParseAddress reads one mailbox as typed at the front desk, with or
// without a display name ("jose@example.org", "José Núñez <jose@example.org>";
// encoded-words in the name are decoded). It refuses a list of addresses
// and an address outside ASCII. Its errors never repeat s, which may be
// the patient's address.
func ParseAddress(s string) (Address, error) {
	if err := checkHeaderText("the address", s); err != nil {
		return Address{}, err
	}
	if strings.TrimSpace(s) == "" {
		return Address{}, fmt.Errorf("mail: the address is empty; give one address such as name@example.org")
	}
	if list, err := netmail.ParseAddressList(s); err == nil && len(list) > 1 {
		return Address{}, fmt.Errorf("mail: %d addresses given; a handout goes to one address at a time", len(list))
	}
	a, err := netmail.ParseAddress(s)
	if err != nil {
		return Address{}, fmt.Errorf("mail: the address cannot be read as name@domain (%s); give one address such as name@example.org", reason(err))
	}
	out := Address{Name: a.Name, Addr: a.Address}
	if err := out.check("the address"); err != nil {
		return Address{}, err
	}
	return out, nil
}

// reason gives net/mail's complaint without the input: its messages are
// fixed phrases ("mail: missing @ in addr-spec"), some followed by ": " and
// the offending text, which is cut off here.
func reason(err error) string {
	msg := strings.TrimPrefix(err.Error(), "mail: ")
	msg, _, _ = strings.Cut(msg, ":")
	msg, _, _ = strings.Cut(msg, ", got") // "expected single address, got " and the rest of the input
	if msg == "expected single address" {
		return "there is more after the address"
	}
	if strings.ContainsAny(msg, "\"`") {
		return "not an address" // a phrase this version does not know may quote the input
	}
	return msg
}

// check refuses an Address that cannot be written as one mailbox: a name
// or address with control characters, an address net/mail does not read
// back as itself (a list, a display name inside Addr, comments), or one
// outside ASCII (internationalised addresses need SMTPUTF8, which the
// clinic's server may lack). field names the mailbox in errors ("To").
func (a Address) check(field string) error {
	if err := checkHeaderText(field+" name", a.Name); err != nil {
		return err
	}
	if err := checkHeaderText(field+" address", a.Addr); err != nil {
		return err
	}
	if a.Addr == "" {
		return fmt.Errorf("mail: %s address is empty; give one address such as name@example.org", field)
	}
	if !isASCII(a.Addr) {
		return fmt.Errorf("mail: %s address has characters outside ASCII; internationalised addresses are not supported: give an ASCII address", field)
	}
	if list, err := netmail.ParseAddressList(a.Addr); err == nil && len(list) > 1 {
		return fmt.Errorf("mail: %s holds %d addresses; give exactly one", field, len(list))
	}
	p, err := netmail.ParseAddress(a.Addr)
	if err != nil {
		return fmt.Errorf("mail: %s address cannot be read as name@domain (%s); give one address such as name@example.org", field, reason(err))
	}
	if p.Name != "" || p.Address != a.Addr {
		return fmt.Errorf("mail: %s address must be the bare address (name@domain); put the display name in Name", field)
	}
	return nil
}

// domain is the part of the address after the last "@".
func (a Address) domain() string {
	return a.Addr[strings.LastIndexByte(a.Addr, '@')+1:]
}

// tokens gives the mailbox for writeField: the display name's tokens then
// "<addr>", or the bare address when there is no name. first is the room
// left on the header's first line.
func (a Address) tokens(first int) []string {
	if a.Name == "" {
		return []string{a.Addr}
	}
	return append(phraseTokens(a.Name, first), "<"+a.Addr+">")
}
