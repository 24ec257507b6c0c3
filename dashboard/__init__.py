"""Follow-up dashboard for Swedish samordningsförbund (FINSAM)."""
