"""The national overview federated from regional portals (regiokaart federate): its configuration
(FEDERATION.yaml), the gathering of each region's feed and open data, and the last good copy of
each region that a failed fetch falls back on."""
