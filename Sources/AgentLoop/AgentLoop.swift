/// The AgentLoop module; see DESIGN.md for what it holds.
public enum AgentLoopModule {}
