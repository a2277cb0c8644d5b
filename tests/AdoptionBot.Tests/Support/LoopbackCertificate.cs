using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace AdoptionBot.Tests.Support;

/// <summary>
/// A self-signed server certificate for "localhost" and 127.0.0.1, valid for a day, for stand-ins that real SDK clients
/// only reach over HTTPS. Clients trust it either through a handler that accepts exactly this certificate or, for a
/// child process, through a trust file (<see cref="WritePem"/>) named by the SSL_CERT_FILE environment variable.
/// </summary>
public static class LoopbackCertificate
{
    public static X509Certificate2 Create()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));

        // Kestrel needs the key in a form it can load on every platform: go through PKCS#12 once.
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), null);
    }

    /// <summary>Writes the public certificate (no key) as PEM to <paramref name="path"/>.</summary>
    public static void WritePem(X509Certificate2 certificate, string path) => File.WriteAllText(path, certificate.ExportCertificatePem() + "\n");
}
