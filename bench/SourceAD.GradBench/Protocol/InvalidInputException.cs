using System;

namespace SourceAD.GradBench.Protocol;

/// <summary>An input that does not have the shape an eval's function needs; its message says what is wrong.</summary>
public sealed class InvalidInputException(string message) : Exception(message);
