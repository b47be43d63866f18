package outbox

import (
	"time"

	"handouts/internal/desk"
)

// DraftDate is the Date: of a draft that carries pk: the treatment date
// (at the treatment time when one was given, else midnight), in UTC, never
// the clock, so the same choices give the same bytes. A mail program
// dates the message again when it sends it; a message sent by the tool
// itself (email -send) is dated when it is sent.
func DraftDate(pk *desk.Packet) time.Time {
	return pk.Start().UTC()
}
