/// The MarketData module; see DESIGN.md for what it holds.
public enum MarketDataModule {}
