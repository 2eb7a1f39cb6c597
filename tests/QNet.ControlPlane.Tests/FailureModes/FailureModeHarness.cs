// The failure-mode tests drive the same offline twin the game days run on: the metro scenario, advanced in 15 s steps,
// sampled and evaluated by the default SLO rules, with the default mitigation policy on unless a test passes
// FailureModeHarness.Off, and an incident book fed when one is given.
global using FailureModeHarness = QNet.ControlPlane.GameDays.OfflineTwin;
