/// The Networking module; see DESIGN.md for what it holds.
public enum NetworkingModule {}
