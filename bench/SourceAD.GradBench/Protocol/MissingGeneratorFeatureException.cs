using System;

namespace SourceAD.GradBench.Protocol;

/// <summary>
/// A function this tool cannot answer yet because SourceAD's generator lacks the derivative it needs
/// (the message names the feature); the tool answers <c>success: false</c> with that message.
/// </summary>
public sealed class MissingGeneratorFeatureException(string function, string feature)
    : Exception($"{function} needs {feature}, which SourceAD's generator does not provide yet.");
