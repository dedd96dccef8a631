@preconcurrency import CLibEdit
import StrategyCore
print("stratchat")
