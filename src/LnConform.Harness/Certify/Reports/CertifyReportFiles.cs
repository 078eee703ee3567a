namespace LnConform.Harness.Certify.Reports;

/// <summary>Where each report of a run goes (<c>-</c> is stdout); null writes none.</summary>
public sealed record CertifyReportPaths(string? Json = null, string? JUnit = null, string? Sarif = null, string? Html = null)
{
    public bool AnyToStdout => new[] { Json, JUnit, Sarif, Html }.Contains("-");

    /// <summary>Writes every requested report from the one result model.</summary>
    public void WriteAll(CertifyReport report, CheckCatalog catalog, TextWriter stdout)
    {
        Write(Json, stdout, w => CertifyJsonReport.Write(report, w));
        Write(JUnit, stdout, w => CertifyJunitReport.Write(report, w));
        Write(Sarif, stdout, w => CertifySarifReport.Write(report, catalog, w));
        Write(Html, stdout, w => CertifyHtmlReport.Write(report, w));
    }

    private static void Write(string? path, TextWriter stdout, Action<TextWriter> write)
    {
        if (path is null)
            return;
        if (path == "-")
        {
            write(stdout);
            stdout.Flush();
            return;
        }
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
            Directory.CreateDirectory(directory);
        using var file = new StreamWriter(path, append: false, new System.Text.UTF8Encoding(false));
        write(file);
    }
}
