using System.ComponentModel.DataAnnotations;

namespace AdoptionBot.AI;

/// <summary>Which language model service writes the answers.</summary>
public enum AIProvider
{
    /// <summary>No language model: answers are extracted from the passages (the default).</summary>
    None,

    /// <summary>Azure OpenAI: deployments of an Azure OpenAI (or Azure AI Foundry) resource.</summary>
    AzureOpenAI,

    /// <summary>Any endpoint that speaks the OpenAI REST API (OpenAI itself, or a compatible server), at <see cref="AIOptions.Endpoint"/>.</summary>
    OpenAI,
}

/// <summary>The language model that writes answers and, optionally, the cloud embedding model. Section "AI".</summary>
public sealed class AIOptions : IValidatableObject
{
    public const string SectionName = "AI";

    /// <summary>None (extractive answers, default), AzureOpenAI or OpenAI. Env: AI__Provider.</summary>
    public AIProvider Provider { get; set; } = AIProvider.None;

    /// <summary>
    /// The service's https base address: the Azure OpenAI resource (https://NAME.openai.azure.com/) or an OpenAI-compatible
    /// API (e.g. https://api.openai.com/v1). http is accepted for loopback only. Env: AI__Endpoint.
    /// </summary>
    public string? Endpoint { get; set; }

    /// <summary>
    /// The API key. When empty with Azure OpenAI, the bot signs in with its managed identity (or, on a developer machine,
    /// whatever DefaultAzureCredential finds). Keep it in Key Vault or user secrets, never in appsettings. Env: AI__ApiKey.
    /// </summary>
    public string? ApiKey { get; set; }

    /// <summary>Client id of the user-assigned managed identity used when no key is set. Empty: DefaultAzureCredential. Env: AI__ManagedIdentityClientId.</summary>
    public string? ManagedIdentityClientId { get; set; }

    /// <summary>The chat model: the Azure OpenAI deployment name, or the model name for OpenAI. Env: AI__ChatDeployment.</summary>
    public string? ChatDeployment { get; set; }

    /// <summary>
    /// The embedding model (deployment or model name). When set, the knowledge base is embedded by it instead of the
    /// local MiniLM model and the index is rebuilt once. Env: AI__EmbeddingDeployment.
    /// </summary>
    public string? EmbeddingDeployment { get; set; }

    /// <summary>Shortened vector length for models that support it (text-embedding-3-*). Empty: the model's own length.</summary>
    [Range(64, 4096)]
    public int? EmbeddingDimensions { get; set; }

    /// <summary>
    /// How long the bot waits for the model before it sends the extracted answer instead, in seconds. At most 12, so that
    /// with retrieval the reply still arrives within the 15 seconds Teams gives a bot.
    /// </summary>
    [Range(1, 12)]
    public int TimeoutSeconds { get; set; } = 8;

    /// <summary>In personal chats, how long a streamed answer may take once its first words arrived, in seconds.</summary>
    [Range(5, 110)]
    public int StreamTimeoutSeconds { get; set; } = 60;

    /// <summary>Stream answers into personal chats as they are written (Teams streaming). Channels and group chats always get one message.</summary>
    public bool Streaming { get; set; } = true;

    /// <summary>Longest answer the model may write, in tokens.</summary>
    [Range(50, 4000)]
    public int MaxOutputTokens { get; set; } = 700;

    /// <summary>Sampling temperature; low keeps answers close to the passages.</summary>
    [Range(0.0, 2.0)]
    public double Temperature { get; set; } = 0.1;

    /// <summary>
    /// Let the model turn a follow-up ("and in prod?") or a question of one or two words into a search query of its own
    /// before retrieval. When it does not answer within <see cref="RewriteTimeoutSeconds"/>, the typed words are searched.
    /// </summary>
    public bool RewriteQueries { get; set; } = true;

    /// <summary>How long a query rewrite may take, in seconds, before the typed words are searched instead.</summary>
    [Range(1, 5)]
    public int RewriteTimeoutSeconds { get; set; } = 2;

    internal bool GeneratesAnswers => Provider != AIProvider.None;

    internal bool EmbedsInCloud => Provider != AIProvider.None && !string.IsNullOrWhiteSpace(EmbeddingDeployment);

    internal Uri EndpointUri => Uri.TryCreate(Endpoint, UriKind.Absolute, out var uri)
        ? uri
        : throw new InvalidOperationException("AI:Endpoint was not validated at start-up.");

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Provider == AIProvider.None)
        {
            if (!string.IsNullOrWhiteSpace(EmbeddingDeployment))
            {
                yield return new ValidationResult(
                    $"AI:EmbeddingDeployment is '{EmbeddingDeployment}' but AI:Provider is None. Set AI:Provider (env AI__Provider) to AzureOpenAI or OpenAI, or clear AI:EmbeddingDeployment.",
                    [nameof(EmbeddingDeployment)]);
            }

            yield break;
        }

        if (string.IsNullOrWhiteSpace(Endpoint))
        {
            yield return new ValidationResult($"AI:Endpoint is required when AI:Provider is {Provider}. Set AI:Endpoint (env AI__Endpoint) to the service's https address.", [nameof(Endpoint)]);
        }
        else if (!Uri.TryCreate(Endpoint, UriKind.Absolute, out var uri) || !(uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback)))
        {
            yield return new ValidationResult(
                $"AI:Endpoint '{Endpoint}' is not an absolute https URL (http is allowed only for localhost). Set AI:Endpoint (env AI__Endpoint).",
                [nameof(Endpoint)]);
        }

        if (string.IsNullOrWhiteSpace(ChatDeployment))
        {
            var what = Provider == AIProvider.AzureOpenAI ? "the name of the chat model deployment" : "the chat model name";
            yield return new ValidationResult($"AI:ChatDeployment is required when AI:Provider is {Provider}. Set AI:ChatDeployment (env AI__ChatDeployment) to {what}.", [nameof(ChatDeployment)]);
        }

        if (Provider == AIProvider.OpenAI && string.IsNullOrWhiteSpace(ApiKey))
        {
            yield return new ValidationResult(
                "AI:ApiKey is required when AI:Provider is OpenAI (managed identity sign-in is for Azure OpenAI only). Set AI:ApiKey (env AI__ApiKey) from a secret store.",
                [nameof(ApiKey)]);
        }

        if (!string.IsNullOrWhiteSpace(ManagedIdentityClientId) && !Guid.TryParse(ManagedIdentityClientId, out _))
        {
            yield return new ValidationResult($"AI:ManagedIdentityClientId '{ManagedIdentityClientId}' is not a client id (a GUID).", [nameof(ManagedIdentityClientId)]);
        }

        if (EmbeddingDimensions is not null && string.IsNullOrWhiteSpace(EmbeddingDeployment))
        {
            yield return new ValidationResult("AI:EmbeddingDimensions is set but AI:EmbeddingDeployment is not. Set AI:EmbeddingDeployment (env AI__EmbeddingDeployment) or clear AI:EmbeddingDimensions.", [nameof(EmbeddingDimensions)]);
        }
    }
}
