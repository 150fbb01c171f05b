package session

import (
	"sync"
)

// passwords are the passwords typed in a session, by document ID. The
// page view's render goroutines read them, hence the lock.
type passwords struct {
	mu    sync.Mutex
	byDoc map[string]string
}

func (p *passwords) get(docID string) string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.byDoc[docID]
}

func (p *passwords) set(docID, password string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.byDoc == nil {
		p.byDoc = map[string]string{}
	}
	p.byDoc[docID] = password
}

// Password is the password typed for a document in this session, "" if
// none was.
func (s *Session) Password(docID string) string { return s.keys.get(docID) }

// RememberPassword keeps a document's password for this session.
func (s *Session) RememberPassword(docID, password string) { s.keys.set(docID, password) }
