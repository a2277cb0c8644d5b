// The bot's Linux App Service plan and web app: .NET 10, HTTPS only, TLS 1.2+, no FTP or basic-auth publishing,
// the user-assigned identity as its only identity, all outbound traffic through the private network.

import { identitySettings } from 'types.bicep'

param planName string
param webAppName string
param location string
param tags object
param workspaceId string
param appSubnetId string

@description('App Service plan SKU, e.g. P0v3, P1v3 (Premium v3 for zone support and enough memory for the embedded model).')
param planSku string

@description('Instances of the bot. More than 1 needs settings.postgresStoreEnabled: the embedded SQLite store is one writer.')
@minValue(1)
@maxValue(30)
param instanceCount int

@description('The bot identity: resource id and client id.')
param identity identitySettings

@description('Application Insights connection string (an ingestion endpoint and resource id; ingestion needs Entra auth).')
param appInsightsConnectionString string

@description('Configuration of the bot, under the keys it reads (Section__Key).')
param settings botSettings

@export()
type botSettings = {
  @description('Folder of the deployed knowledge base.')
  knowledgePath: string
  @description('Where readers open the knowledge documents; empty: file links.')
  knowledgeSourceBaseUrl: string
  @description('Folder of the local index and SQLite store: /home is App Service\'s persistent storage.')
  dataPath: string
  searchEndpoint: string
  searchIndexName: string
  openAiEndpoint: string
  chatDeployment: string
  embeddingDeployment: string
  @description('Use the PostgreSQL store, shared by every instance; false: the SQLite file of one instance.')
  postgresStoreEnabled: bool
  @description('Key Vault secret URI of the PostgreSQL connection string.')
  postgresConnectionStringSecretUri: string
  @description('Key Vault secret URI of the asker-hash key shared by every instance (PostgreSQL store).')
  askerHashKeySecretUri: string
  @description('Entra object ids of the portfolio team.')
  portfolioAdmins: string[]
  @description('Entra tenant ids whose activities the bot handles; empty: every tenant.')
  allowedTenants: string[]
  @description('Whom the bot suggests when it cannot answer; empty keeps the built-in text.')
  genAiTeamContact: string
  digestSchedule: string
  digestTimeZone: string
  graphEnabled: bool
  @description('Client id of the Entra app registration the Teams tabs sign in with; empty: no tabs.')
  tabAppClientId: string
}

// The SQLite store is a file that one instance writes: a second instance would corrupt or split it. The deployment
// stops here, before anything is created, and the bot refuses to start on the same combination (Store__ExpectedInstances).
var checkedInstanceCount = instanceCount > 1 && !settings.postgresStoreEnabled
  ? fail('appInstanceCount is ${instanceCount}, but the SQLite store (postgresStoreEnabled false) belongs to one instance: set postgresStoreEnabled to true or appInstanceCount to 1')
  : instanceCount

var baseSettings = {
  // Bot Framework: the bot authenticates as the user-assigned identity, no app password.
  MicrosoftAppType: 'UserAssignedMSI'
  MicrosoftAppId: identity.clientId
  MicrosoftAppTenantId: identity.tenantId
  // Azure.Identity's DefaultAzureCredential picks the user-assigned identity with this.
  AZURE_CLIENT_ID: identity.clientId
  Knowledge__Path: settings.knowledgePath
  Knowledge__SourceBaseUrl: settings.knowledgeSourceBaseUrl
  Storage__DataPath: settings.dataPath
  Knowledge__Index: 'AzureAISearch'
  Knowledge__AzureAISearch__Endpoint: settings.searchEndpoint
  Knowledge__AzureAISearch__IndexName: settings.searchIndexName
  Knowledge__AzureAISearch__ManagedIdentityClientId: identity.clientId
  AI__Provider: 'AzureOpenAI'
  AI__Endpoint: settings.openAiEndpoint
  AI__ChatDeployment: settings.chatDeployment
  AI__EmbeddingDeployment: settings.embeddingDeployment
  AI__ManagedIdentityClientId: identity.clientId
  // Empty connection string: the embedded SQLite store under Storage__DataPath.
  Store__Provider: settings.postgresStoreEnabled ? 'PostgreSql' : 'Sqlite'
  ConnectionStrings__AdoptionBot: settings.postgresStoreEnabled
    ? '@Microsoft.KeyVault(SecretUri=${settings.postgresConnectionStringSecretUri})'
    : ''
  // The bot refuses to start when this says more than one instance and the store is SQLite.
  Store__ExpectedInstances: string(checkedInstanceCount)
  // Teams' limits hold for the app as a whole and every instance sends the outbox: each instance gets its share.
  Delivery__PerTenantPerSecond: string(max(1, 50 / checkedInstanceCount))
  Delivery__PerConversationPerSecond: string(max(1, 7 / checkedInstanceCount))
  Delivery__PerConversationPerHour: string(max(1, 1800 / checkedInstanceCount))
  Digest__Schedule: settings.digestSchedule
  Digest__TimeZone: settings.digestTimeZone
  Graph__Enabled: string(settings.graphEnabled)
  Graph__TenantId: identity.tenantId
  Graph__ClientId: identity.clientId
  Graph__ManagedIdentityClientId: identity.clientId
  // Telemetry by the App Service agent, sent with the identity's Entra token (the resource has local auth off).
  APPLICATIONINSIGHTS_CONNECTION_STRING: appInsightsConnectionString
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'Authorization=AAD;ClientId=${identity.clientId}'
  ApplicationInsightsAgent_EXTENSION_VERSION: '~3'
  // The zip is the output of dotnet publish: nothing to build on the server.
  SCM_DO_BUILD_DURING_DEPLOYMENT: 'false'
  WEBSITES_ENABLE_APP_SERVICE_STORAGE: 'true'
}

var portfolioAdminSettings = toObject(
  range(0, length(settings.portfolioAdmins)),
  i => 'Portfolio__Admins__${i}',
  i => settings.portfolioAdmins[i]
)

// Bot__AllowedTenants__N: the bot drops activities of any other tenant unanswered.
var allowedTenantSettings = toObject(
  range(0, length(settings.allowedTenants)),
  i => 'Bot__AllowedTenants__${i}',
  i => settings.allowedTenants[i]
)

// On PostgreSQL every instance hashes askers with the one key in Key Vault; on SQLite the bot keeps its own in its data folder.
var askerHashSettings = settings.postgresStoreEnabled
  ? { Questions__AskerHashKey: '@Microsoft.KeyVault(SecretUri=${settings.askerHashKeySecretUri})' }
  : {}

var contactSettings = empty(settings.genAiTeamContact) ? {} : { Questions__GenAiTeamContact: settings.genAiTeamContact }

// The tabs ask for tokens for their app registration's Application ID URI, which Teams wants on the domain they come from.
var tabResource = empty(settings.tabAppClientId) ? '' : 'api://${site.properties.defaultHostName}/${settings.tabAppClientId}'
var tabSettings = empty(settings.tabAppClientId)
  ? {}
  : {
      Tabs__ClientId: settings.tabAppClientId
      Tabs__Resource: tabResource
    }

resource plan 'Microsoft.Web/serverfarms@2025-03-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'linux'
  sku: {
    name: planSku
    capacity: checkedInstanceCount
  }
  properties: {
    reserved: true
  }
}

resource site 'Microsoft.Web/sites@2025-03-01' = {
  name: webAppName
  location: location
  tags: tags
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    clientAffinityEnabled: false
    keyVaultReferenceIdentity: identity.id
    virtualNetworkSubnetId: appSubnetId
    outboundVnetRouting: {
      allTraffic: true
    }
    // The Bot Connector and Teams reach /api/messages over the internet; every other service is private.
    publicNetworkAccess: 'Enabled'
    siteConfig: {
      linuxFxVersion: 'DOTNETCORE|10.0'
      alwaysOn: true
      healthCheckPath: '/healthz'
      http20Enabled: true
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      remoteDebuggingEnabled: false
      use32BitWorkerProcess: false
      webSocketsEnabled: false
    }
  }
}

resource appSettings 'Microsoft.Web/sites/config@2025-03-01' = {
  parent: site
  name: 'appsettings'
  properties: union(baseSettings, allowedTenantSettings, portfolioAdminSettings, askerHashSettings, contactSettings, tabSettings)
}

resource ftpPublishing 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: site
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmPublishing 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: site
  name: 'scm'
  properties: {
    allow: false
  }
}

resource diagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: site
  properties: {
    workspaceId: workspaceId
    logs: [
      {
        categoryGroup: 'allLogs'
        enabled: true
      }
    ]
    metrics: [
      {
        category: 'AllMetrics'
        enabled: true
      }
    ]
  }
}

output name string = site.name
output defaultHostName string = site.properties.defaultHostName

@description('Application ID URI of the tabs\' app registration; empty without tabs.')
output tabResource string = tabResource
