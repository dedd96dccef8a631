/// The Tools module; see DESIGN.md for what it holds.
public enum ToolsModule {}
