using System.Xml;

namespace AdoptionBot.Knowledge.Reading;

/// <summary>
/// How knowledge files' XML is read: no DTD (a document type declaration is refused, so no entity is ever expanded),
/// no resolver (nothing outside the file is fetched), and no more characters than the file size limit.
/// </summary>
internal static class SafeXml
{
    private const int StopCheckInterval = 4096;

    public static XmlReaderSettings Settings(ReadLimits limits) => new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersInDocument = limits.MaxBytes,
        MaxCharactersFromEntities = 1024,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        CloseInput = false,
    };

    /// <summary>Reads the whole stream under <see cref="Settings"/>; throws <see cref="XmlException"/> on a DTD or malformed XML.</summary>
    public static void Check(Stream xml, ReadLimits limits)
    {
        using var reader = XmlReader.Create(xml, Settings(limits));
        var nodes = 0;
        while (reader.Read())
        {
            if (++nodes % StopCheckInterval == 0)
            {
                limits.Stop.ThrowIfCancellationRequested();
            }
        }
    }
}
