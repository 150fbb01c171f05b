package refiqda

import "cmocoder.org/cmocoder/coding/codingtest"

// memTx is the project in memory the mapping's tests import into.
type memTx = codingtest.MemTx

func newMemTx() *memTx { return codingtest.NewMemTx() }
