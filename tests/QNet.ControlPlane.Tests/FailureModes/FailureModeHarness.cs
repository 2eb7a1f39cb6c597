// The failure-mode tests drive the metro twin offline exactly as game days do (advance, publish, sample every 15 s of
// twin time, tick the in-process SLO monitor with the default specs and alert rules, default mitigation policy on):
// one harness in src serves both (QNet.ControlPlane.GameDays.OfflineTwin; QKD links are not stepped unless asked).
global using FailureModeHarness = QNet.ControlPlane.GameDays.OfflineTwin;
