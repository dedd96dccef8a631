/// The Store module; see DESIGN.md for what it holds.
public enum StoreModule {}
