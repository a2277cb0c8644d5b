using System.Text.Json;
using System.Text.RegularExpressions;

namespace AdoptionBot.Tests.Infrastructure;

/// <summary>What a security review checks in the compiled deployment, each on its own so a regression names itself.</summary>
public sealed partial class DeploymentSecurityTests
{
    private const string KeyVaultReference = "@Microsoft.KeyVault(SecretUri=";

    // Built-in role definition ids the bot identity may hold, and the one resource type each may be scoped to.
    private static readonly HashSet<(string RoleId, string ScopeType)> AllowedRoles =
    [
        ("8ebe5a00-799e-43f5-93ac-243d3dce84a7", "Microsoft.Search/searchServices"), // Search Index Data Contributor
        ("7ca78c08-252a-4471-8644-bb5ff32d4ba0", "Microsoft.Search/searchServices"), // Search Service Contributor
        ("5e0bd9bd-7b93-4f28-af87-19fc36ad61bd", "Microsoft.CognitiveServices/accounts"), // Cognitive Services OpenAI User
        ("4633458b-17de-408a-b874-0445c86b69e6", "Microsoft.KeyVault/vaults"), // Key Vault Secrets User
        ("3913510d-42f4-4e42-8a64-420c390055eb", "Microsoft.Insights/components"), // Monitoring Metrics Publisher
    ];

    private static readonly string[] PackagingOutputs =
    [
        "botAppId", "botDomain", "botEndpoint", "webAppName", "keyVaultName", "searchEndpoint", "openAiEndpoint",
        "postgresServerFqdn", "managedIdentityClientId", "tenantId", "tabAppId", "tabResource",
    ];

    // Text that means a credential is being copied into configuration.
    private static readonly string[] CredentialMarkers =
    [
        "Password=", "AccountKey=", "SharedAccessKey=", "ApiKey=", "listKeys(", "listSecrets(", "listConnectionStrings(",
        "listAdminKeys(", "listQueryKeys(", "listCredentials(",
    ];

    [Fact]
    public async Task WebApp_IsHttpsOnly_WithTls12_AndNoFtp()
    {
        var site = (await CompiledDeployment.MainAsync()).Single("Microsoft.Web/sites");
        var config = site.Properties.GetProperty("siteConfig");

        Assert.True(site.Properties.GetProperty("httpsOnly").GetBoolean());
        Assert.Equal("1.2", config.GetProperty("minTlsVersion").GetString());
        Assert.Equal("1.2", config.GetProperty("scmMinTlsVersion").GetString());
        Assert.Equal("Disabled", config.GetProperty("ftpsState").GetString());
        Assert.False(config.GetProperty("remoteDebuggingEnabled").GetBoolean());
    }

    [Fact]
    public async Task WebApp_RunsDotNet10OnLinux_AlwaysOn_WithTheHealthCheck()
    {
        var template = await CompiledDeployment.MainAsync();
        var site = template.Single("Microsoft.Web/sites");
        var config = site.Properties.GetProperty("siteConfig");

        Assert.Equal("DOTNETCORE|10.0", config.GetProperty("linuxFxVersion").GetString());
        Assert.True(config.GetProperty("alwaysOn").GetBoolean());
        Assert.Equal("/healthz", config.GetProperty("healthCheckPath").GetString());
        Assert.True(config.GetProperty("http20Enabled").GetBoolean());
        Assert.True(template.Single("Microsoft.Web/serverfarms").Properties.GetProperty("reserved").GetBoolean());
    }

    [Fact]
    public async Task WebApp_HasOnlyTheUserAssignedIdentity_AndNoBasicAuthPublishing()
    {
        var template = await CompiledDeployment.MainAsync();
        var site = template.Single("Microsoft.Web/sites");

        Assert.Equal("UserAssigned", site.Resource.GetProperty("identity").GetProperty("type").GetString());
        Assert.Single(site.Resource.GetProperty("identity").GetProperty("userAssignedIdentities").EnumerateObject());
        Assert.Equal("[parameters('identity').id]", site.Properties.GetProperty("keyVaultReferenceIdentity").GetString());

        var policies = template.OfType("Microsoft.Web/sites/basicPublishingCredentialsPolicies").ToList();
        Assert.Equal(["ftp", "scm"], policies.Select(p => LastNameSegment(p)).Order(StringComparer.Ordinal));
        Assert.All(policies, p => Assert.False(p.Properties.GetProperty("allow").GetBoolean()));
    }

    [Fact]
    public async Task AppSettings_SecretsAreKeyVaultReferences_AndNoValueCarriesACredential()
    {
        var template = await CompiledDeployment.MainAsync();
        var (settings, expressions, appSettings) = ReadAppSettings(template);
        var secureParameters = SecureParameterNames(appSettings.Template);

        foreach (var (name, value) in settings)
        {
            if (LooksSecret(name))
            {
                Assert.True(value.Contains(KeyVaultReference, StringComparison.Ordinal), $"App setting {name} is not a Key Vault reference: {value}");
            }
        }

        foreach (var value in settings.Values.Concat(expressions.Select(e => e.Value)))
        {
            Assert.DoesNotContain(CredentialMarkers, marker => value.Contains(marker, StringComparison.OrdinalIgnoreCase));
            Assert.DoesNotContain(secureParameters, p => value.Contains($"parameters('{p}')", StringComparison.Ordinal));
        }

        // No secure parameter of the deployment reaches the web app's module at all.
        var webAppModule = template.OfType("Microsoft.Resources/deployments")
            .Single(d => d.Properties.GetProperty("template").GetRawText().Contains("\"Microsoft.Web/sites\"", StringComparison.Ordinal));
        var passed = webAppModule.Properties.GetProperty("parameters").GetRawText();
        Assert.DoesNotContain(SecureParameterNames(template.Root), p => passed.Contains($"parameters('{p}')", StringComparison.Ordinal));

        // Nothing bypasses the appsettings resource.
        var siteConfig = template.Single("Microsoft.Web/sites").Properties.GetProperty("siteConfig");
        Assert.False(siteConfig.TryGetProperty("appSettings", out _));
        Assert.False(siteConfig.TryGetProperty("connectionStrings", out _));
    }

    [Fact]
    public async Task AppSettings_SetTheKeysTheBotReads()
    {
        var (settings, _, _) = ReadAppSettings(await CompiledDeployment.MainAsync());

        Assert.Equal("UserAssignedMSI", settings["MicrosoftAppType"]);
        Assert.Equal("[parameters('identity').clientId]", settings["MicrosoftAppId"]);
        Assert.Equal("[parameters('identity').tenantId]", settings["MicrosoftAppTenantId"]);
        Assert.Equal("[parameters('identity').clientId]", settings["AZURE_CLIENT_ID"]);
        Assert.Equal("AzureOpenAI", settings["AI__Provider"]);
        Assert.Equal("AzureAISearch", settings["Knowledge__Index"]);
        Assert.Contains("postgresStoreEnabled", settings["ConnectionStrings__AdoptionBot"], StringComparison.Ordinal);
        Assert.Contains("'PostgreSql'", settings["Store__Provider"], StringComparison.Ordinal);
        foreach (var key in new[]
        {
            "Knowledge__Path", "Storage__DataPath", "Knowledge__SourceBaseUrl", "AI__Endpoint", "AI__ChatDeployment",
            "AI__EmbeddingDeployment", "AI__ManagedIdentityClientId", "Knowledge__AzureAISearch__Endpoint",
            "Knowledge__AzureAISearch__IndexName", "Knowledge__AzureAISearch__ManagedIdentityClientId", "Digest__Schedule",
            "Digest__TimeZone", "Graph__Enabled", "Graph__TenantId", "Graph__ClientId", "Graph__ManagedIdentityClientId",
        })
        {
            Assert.True(settings.ContainsKey(key), $"App setting {key} is missing.");
        }

        // Every instance sends the outbox, so each gets its share of Teams' per-app limits.
        Assert.Contains("div(50, variables('checkedInstanceCount'))", settings["Delivery__PerTenantPerSecond"], StringComparison.Ordinal);
        Assert.Contains("div(7, variables('checkedInstanceCount'))", settings["Delivery__PerConversationPerSecond"], StringComparison.Ordinal);

        // App Service takes Section__Key; a colon would not reach the bot's configuration on Linux.
        Assert.DoesNotContain(settings.Keys, k => k.Contains(':', StringComparison.Ordinal));
    }

    [Fact]
    public async Task AppSettings_AllowTheDeploymentsTenantByDefault_AndTakeTheKnowledgeBaseUrlAndInstanceCount()
    {
        var template = await CompiledDeployment.MainAsync();
        var parameters = template.Root.GetProperty("parameters");
        var (settings, expressions, _) = ReadAppSettings(template);

        Assert.Equal(["[tenant().tenantId]"], parameters.GetProperty("allowedTenants").GetProperty("defaultValue").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("string", parameters.GetProperty("knowledgeSourceBaseUrl").GetProperty("type").GetString());
        var passed = template.OfType("Microsoft.Resources/deployments")
            .Single(d => d.Properties.GetProperty("template").GetRawText().Contains("\"Microsoft.Web/sites\"", StringComparison.Ordinal))
            .Properties.GetProperty("parameters").GetProperty("settings").GetProperty("value");
        Assert.Equal("[parameters('allowedTenants')]", passed.GetProperty("allowedTenants").GetString());
        Assert.Equal("[parameters('knowledgeSourceBaseUrl')]", passed.GetProperty("knowledgeSourceBaseUrl").GetString());
        Assert.Equal("[parameters('settings').knowledgeSourceBaseUrl]", settings["Knowledge__SourceBaseUrl"]);
        Assert.Contains(expressions, e => e.Value.Contains("'Bot__AllowedTenants__{0}'", StringComparison.Ordinal) && e.Value.Contains("allowedTenants", StringComparison.Ordinal));
        Assert.Contains("checkedInstanceCount", settings["Store__ExpectedInstances"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task AppSettings_TabSettings_ComeOnlyWithATabAppClientId_FromTheParameter()
    {
        var template = await CompiledDeployment.MainAsync();
        var parameters = template.Root.GetProperty("parameters");
        var (settings, _, appSettings) = ReadAppSettings(template);

        Assert.Equal("", parameters.GetProperty("tabAppClientId").GetProperty("defaultValue").GetString());
        var passed = template.OfType("Microsoft.Resources/deployments")
            .Single(d => d.Properties.GetProperty("template").GetRawText().Contains("\"Microsoft.Web/sites\"", StringComparison.Ordinal))
            .Properties.GetProperty("parameters").GetProperty("settings").GetProperty("value");
        Assert.Equal("[variables('checkedTabAppClientId')]", passed.GetProperty("tabAppClientId").GetString());

        // Conditional on the parameter and built from the site's host name, so the tab settings stay in the expression
        // of the appsettings resource instead of a variable of fixed keys.
        Assert.DoesNotContain(settings.Keys, k => k.StartsWith("Tabs__", StringComparison.Ordinal));
        var properties = appSettings.Properties.GetString()!;
        Assert.Contains("if(empty(parameters('settings').tabAppClientId), createObject(), createObject('Tabs__ClientId', parameters('settings').tabAppClientId, 'Tabs__Resource',", properties, StringComparison.Ordinal);
        Assert.Contains("format('api://{0}/{1}', reference('site').defaultHostName, parameters('settings').tabAppClientId)", properties, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RoleAssignments_AreEachScopedToOneResource_WithOnlyTheRolesTheBotNeeds()
    {
        var assignments = (await CompiledDeployment.MainAsync()).OfType("Microsoft.Authorization/roleAssignments").ToList();
        var granted = new HashSet<(string, string)>();

        foreach (var assignment in assignments)
        {
            var scope = assignment.Scope ?? string.Empty;
            var scopeMatch = SingleResourceScope().Match(scope);
            Assert.True(scopeMatch.Success, $"Role assignment {assignment.Resource.GetProperty("name")} is not scoped to a single resource: '{scope}'.");

            var roleId = ResolveRoleId(assignment);
            var pair = (roleId, scopeMatch.Groups["type"].Value);
            Assert.True(AllowedRoles.Contains(pair), $"Role {roleId} on {pair.Item2} is not one the bot needs.");
            Assert.Equal("ServicePrincipal", assignment.Properties.GetProperty("principalType").GetString());
            granted.Add(pair);
        }

        Assert.Equal(AllowedRoles.Count, assignments.Count);
        Assert.True(AllowedRoles.SetEquals(granted), "Every needed role is granted exactly once.");
    }

    [Fact]
    public async Task Bot_IsRegisteredWithTheUserAssignedIdentity_AndTheTeamsChannel()
    {
        var template = await CompiledDeployment.MainAsync();
        var bot = template.Single("Microsoft.BotService/botServices");
        var channel = template.Single("Microsoft.BotService/botServices/channels");

        Assert.Equal("global", bot.Resource.GetProperty("location").GetString());
        Assert.Equal("UserAssignedMSI", bot.Properties.GetProperty("msaAppType").GetString());
        Assert.Equal("[parameters('identity').clientId]", bot.Properties.GetProperty("msaAppId").GetString());
        Assert.Equal("[parameters('identity').tenantId]", bot.Properties.GetProperty("msaAppTenantId").GetString());
        Assert.Equal("[parameters('identity').id]", bot.Properties.GetProperty("msaAppMSIResourceId").GetString());
        Assert.True(bot.Properties.GetProperty("disableLocalAuth").GetBoolean());
        Assert.Equal("MsTeamsChannel", channel.Properties.GetProperty("channelName").GetString());
        Assert.True(channel.Properties.GetProperty("properties").GetProperty("isEnabled").GetBoolean());

        // The registered endpoint is the one the deployment reports.
        var botModule = template.OfType("Microsoft.Resources/deployments").Single(d => d.Resource.GetProperty("name").GetString() == "bot");
        var endpoint = botModule.Properties.GetProperty("parameters").GetProperty("endpoint").GetProperty("value").GetString();
        Assert.Equal(template.Root.GetProperty("outputs").GetProperty("botEndpoint").GetProperty("value").GetString(), endpoint);
        Assert.Contains("https://{0}/api/messages", endpoint, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Outputs_ForThePackagingCommand_ExistAndNoneIsSecret()
    {
        var template = await CompiledDeployment.MainAsync();
        var outputs = template.Root.GetProperty("outputs");
        var secureParameters = SecureParameterNames(template.Root);

        foreach (var name in PackagingOutputs)
        {
            Assert.True(outputs.TryGetProperty(name, out var output), $"Output {name} is missing.");
            Assert.Equal("string", output.GetProperty("type").GetString());
        }

        foreach (var output in outputs.EnumerateObject())
        {
            var value = output.Value.GetProperty("value").ToString();
            Assert.False(LooksSecret(output.Name), $"Output {output.Name} is named like a secret.");
            Assert.DoesNotContain("secure", output.Value.GetProperty("type").GetString()!, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(CredentialMarkers, marker => value.Contains(marker, StringComparison.OrdinalIgnoreCase));
            Assert.DoesNotContain(secureParameters, p => value.Contains($"parameters('{p}')", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task KeyVault_UsesRbac_WithSoftDeleteAndPurgeProtection_AndNoPublicAccess()
    {
        var vault = (await CompiledDeployment.MainAsync()).Single("Microsoft.KeyVault/vaults").Properties;

        Assert.True(vault.GetProperty("enableRbacAuthorization").GetBoolean());
        Assert.True(vault.GetProperty("enableSoftDelete").GetBoolean());
        Assert.True(vault.GetProperty("enablePurgeProtection").GetBoolean());
        Assert.Equal("Disabled", vault.GetProperty("publicNetworkAccess").GetString());
        Assert.Equal("Deny", vault.GetProperty("networkAcls").GetProperty("defaultAction").GetString());
    }

    [Fact]
    public async Task SearchOpenAiAndMonitoring_AcceptOnlyEntraTokens()
    {
        var template = await CompiledDeployment.MainAsync();
        var search = template.Single("Microsoft.Search/searchServices").Properties;
        var openAi = template.Single("Microsoft.CognitiveServices/accounts").Properties;

        Assert.True(search.GetProperty("disableLocalAuth").GetBoolean());
        Assert.Equal("disabled", search.GetProperty("publicNetworkAccess").GetString());
        Assert.True(openAi.GetProperty("disableLocalAuth").GetBoolean());
        Assert.Equal("Disabled", openAi.GetProperty("publicNetworkAccess").GetString());
        Assert.True(template.Single("Microsoft.Insights/components").Properties.GetProperty("DisableLocalAuth").GetBoolean());
        Assert.True(template.Single("Microsoft.OperationalInsights/workspaces").Properties.GetProperty("features").GetProperty("disableLocalAuth").GetBoolean());
    }

    [Fact]
    public async Task Postgres_RequiresTls12_AndIsOnlyReachableInsideTheNetwork()
    {
        var template = await CompiledDeployment.MainAsync();
        var server = template.Single("Microsoft.DBforPostgreSQL/flexibleServers").Properties;
        var parameters = template.OfType("Microsoft.DBforPostgreSQL/flexibleServers/configurations")
            .ToDictionary(c => LastNameSegment(c), c => c.Properties.GetProperty("value").GetString());

        Assert.Equal("Disabled", server.GetProperty("network").GetProperty("publicNetworkAccess").GetString());
        Assert.True(server.GetProperty("network").TryGetProperty("delegatedSubnetResourceId", out _));
        Assert.Equal("Enabled", server.GetProperty("authConfig").GetProperty("activeDirectoryAuth").GetString());
        Assert.Equal("on", parameters["require_secure_transport"]);
        Assert.Equal("TLSv1.2", parameters["ssl_min_protocol_version"]);
        Assert.Single(template.OfType("Microsoft.DBforPostgreSQL/flexibleServers/administrators"));
    }

    [Theory]
    [InlineData("Microsoft.Web/sites")]
    [InlineData("Microsoft.KeyVault/vaults")]
    [InlineData("Microsoft.Search/searchServices")]
    [InlineData("Microsoft.CognitiveServices/accounts")]
    [InlineData("Microsoft.DBforPostgreSQL/flexibleServers")]
    [InlineData("Microsoft.BotService/botServices")]
    public async Task Resource_SendsItsLogsToLogAnalytics(string type)
    {
        var settings = (await CompiledDeployment.MainAsync()).OfType("Microsoft.Insights/diagnosticSettings");

        Assert.Contains(settings, s => (s.Scope ?? string.Empty).Contains($"'{type}'", StringComparison.Ordinal)
            && s.Properties.TryGetProperty("workspaceId", out _));
    }

    private static (Dictionary<string, string> Settings, List<(string Name, string Value)> Expressions, ArmResource Resource) ReadAppSettings(ArmTemplate template)
    {
        var resource = template.OfType("Microsoft.Web/sites/config").Single(c => LastNameSegment(c) == "appsettings");
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        var expressions = new List<(string, string)>();
        var properties = resource.Properties;
        var parts = properties.ValueKind == JsonValueKind.String
            ? ArmTemplate.VariablesOf(properties.GetString()!, resource.Template)
            : [("properties", properties)];

        foreach (var (variable, value) in parts)
        {
            if (value.ValueKind == JsonValueKind.Object)
            {
                foreach (var setting in value.EnumerateObject())
                {
                    settings[setting.Name] = setting.Value.ToString();
                }
            }
            else
            {
                expressions.Add((variable, value.ToString()));
            }
        }

        Assert.NotEmpty(settings);
        return (settings, expressions, resource);
    }

    private static string ResolveRoleId(ArmResource assignment)
    {
        var expression = assignment.Properties.GetProperty("roleDefinitionId").GetString()!;
        var variable = ArmTemplate.VariablesOf(expression, assignment.Template).SingleOrDefault();
        var text = variable.Name is null ? expression : variable.Value.GetString()!;
        var guid = GuidPattern().Match(text);
        Assert.True(guid.Success, $"No role definition id in '{expression}'.");
        return guid.Value.ToLowerInvariant();
    }

    private static string[] SecureParameterNames(JsonElement template) =>
        template.TryGetProperty("parameters", out var parameters)
            ? parameters.EnumerateObject()
                .Where(p => p.Value.TryGetProperty("type", out var type) && type.GetString()!.StartsWith("secure", StringComparison.OrdinalIgnoreCase))
                .Select(p => p.Name)
                .ToArray()
            : [];

    private static bool LooksSecret(string name) => SecretName().IsMatch(name) && name != "APPLICATIONINSIGHTS_CONNECTION_STRING";

    private static string LastNameSegment(ArmResource resource)
    {
        var name = resource.Resource.GetProperty("name").GetString()!;
        var literal = LastFormatArgument().Match(name);
        return literal.Success ? literal.Groups[1].Value : name[(name.LastIndexOf('/') + 1)..];
    }

    // APPLICATIONINSIGHTS_CONNECTION_STRING is exempt: an ingestion endpoint and resource id, useless without an Entra
    // token since the component has local auth off (asserted in SearchOpenAiAndMonitoring_AcceptOnlyEntraTokens).
    [GeneratedRegex("password|secret|connection_?string|apikey|accountkey|(^|_)key$", RegexOptions.IgnoreCase)]
    private static partial Regex SecretName();

    [GeneratedRegex(@"^\[resourceId\('(?<type>Microsoft\.[A-Za-z]+/[A-Za-z]+)', parameters\('[A-Za-z]+'\)\)\]$")]
    private static partial Regex SingleResourceScope();

    [GeneratedRegex("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial Regex GuidPattern();

    // Child resource names compile to [format('{0}/{1}', parameters('parent'), 'child')].
    [GeneratedRegex(@", '([^']+)'\)\]$")]
    private static partial Regex LastFormatArgument();
}
