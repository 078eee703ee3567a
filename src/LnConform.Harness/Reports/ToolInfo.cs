using System.Reflection;

namespace LnConform.Harness.Reports;

/// <summary>The tool's name and version, as every report states them.</summary>
public static class ToolInfo
{
    public const string Name = "lnconform";

    public static string Version { get; } =
        typeof(ToolInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
}
