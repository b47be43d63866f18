package serve

import (
	"os"
	"testing"

	"handouts/internal/browser"
)

// TestMain closes the one Chromium the package's browser tests share
// (browser.Shared: each test has a browser context of its own).
func TestMain(m *testing.M) {
	code := m.Run()
	browser.CloseShared()
	os.Exit(code)
}
