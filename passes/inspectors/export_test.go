package inspectors

// GroupEvents lets a test split even a small package into groups.
var GroupEvents = &groupEvents
