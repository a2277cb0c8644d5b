// AdoptionBot on Azure: the bot on App Service, its Azure Bot registration with the Teams channel, and the services
// it uses (Azure AI Search, Azure OpenAI, PostgreSQL, Key Vault, Log Analytics and Application Insights), private
// behind a virtual network and reached with one user-assigned managed identity: no keys or passwords in app settings.

targetScope = 'resourceGroup'

import { modelDeployment } from 'modules/types.bicep'

@description('Region of every resource except Azure OpenAI (see openAiLocation) and the bot registration (global).')
param location string = resourceGroup().location

@description('Short lowercase name that every resource name starts from.')
@minLength(3)
@maxLength(12)
param baseName string = 'adoptionbot'

@description('Tags on every resource.')
param tags object = {
  application: 'AdoptionBot'
}

@description('Address space of the virtual network (a /16 to /22; the subnets are its first three /24s).')
param vnetAddressPrefix string = '10.40.0.0/16'

@description('Days Log Analytics keeps logs.')
@minValue(30)
@maxValue(730)
param logRetentionInDays int = 90

@description('App Service plan SKU (Linux).')
param appServicePlanSku string = 'P1v3'

@description('Bot instances. More than 1 needs postgresStoreEnabled: the SQLite store belongs to one instance, and the deployment fails otherwise.')
@minValue(1)
@maxValue(30)
param appInstanceCount int = 1

@description('Azure Bot SKU: F0 is free (Teams is a standard channel, not metered), S1 has the SLA.')
@allowed([
  'F0'
  'S1'
])
param botSku string = 'S1'

@description('Display name of the bot registration.')
param botDisplayName string = 'AdoptionBot'

@description('Azure AI Search SKU.')
@allowed([
  'basic'
  'standard'
  'standard2'
  'standard3'
])
param searchSku string = 'basic'

@description('Search replicas: 2 for the read SLA, 3 for read and write.')
@minValue(1)
@maxValue(12)
param searchReplicaCount int = 1

@description('Name of the knowledge index the bot creates and fills.')
param searchIndexName string = 'adoptionbot-knowledge'

@description('Region of Azure OpenAI: the models must be offered there.')
param openAiLocation string = location

@description('Chat model deployment.')
param chatDeployment modelDeployment = {
  name: 'chat'
  model: 'gpt-4.1-mini'
  version: '2025-04-14'
  sku: 'DataZoneStandard'
  capacity: 50
}

@description('Embeddings model deployment.')
param embeddingDeployment modelDeployment = {
  name: 'embeddings'
  model: 'text-embedding-3-small'
  version: '1'
  sku: 'Standard'
  capacity: 50
}

@description('PostgreSQL major version.')
param postgresVersion string = '16'

@description('PostgreSQL compute SKU, e.g. Standard_B1ms (Burstable) or Standard_D2ds_v5 (GeneralPurpose).')
param postgresSkuName string = 'Standard_B1ms'

@allowed([
  'Burstable'
  'GeneralPurpose'
  'MemoryOptimized'
])
param postgresSkuTier string = 'Burstable'

@minValue(32)
param postgresStorageSizeGB int = 32

@description('High availability of PostgreSQL (ZoneRedundant needs GeneralPurpose or MemoryOptimized).')
@allowed([
  'Disabled'
  'ZoneRedundant'
  'SameZone'
])
param postgresHighAvailability string = 'Disabled'

@minValue(7)
@maxValue(35)
param postgresBackupRetentionDays int = 14

param postgresGeoRedundantBackup bool = false

@description('PostgreSQL administrator login.')
param postgresAdministratorLogin string = 'adoptionbotadmin'

@description('PostgreSQL administrator password: goes to the server and into the Key Vault secret, nowhere else.')
@secure()
@minLength(16)
param postgresAdministratorPassword string

@description('Use PostgreSQL as the bot\'s store (Store__Provider PostgreSql), shared by every instance. False: a SQLite file on one instance.')
param postgresStoreEnabled bool = false

@description('Key of the keyed hash that stands for each asker (Questions__AskerHashKey), at least 32 characters, from the deployer\'s environment; into Key Vault only. Required with postgresStoreEnabled, where every instance must share it; on SQLite the bot makes its own key in its data folder. Keep it: a new key counts every asker afresh.')
@secure()
param askerHashKey string = ''

// Several instances on PostgreSQL hash askers alike only with one shared key; the bot refuses to start without it.
var checkedAskerHashKey = postgresStoreEnabled && length(askerHashKey) < 32
  ? fail('postgresStoreEnabled needs askerHashKey (at least 32 characters, e.g. from ASKER_HASH_KEY): every instance hashes askers with the same key')
  : askerHashKey

@description('Entra object ids of the portfolio team (Portfolio__Admins__N).')
param portfolioAdmins string[] = []

@description('Entra tenant ids whose Teams activities the bot handles (Bot__AllowedTenants__N); default the tenant deployed to. Empty: every tenant, which the bot warns about at start-up.')
param allowedTenants string[] = [
  tenant().tenantId
]

@description('Where the knowledge documents are published for readers (Knowledge__SourceBaseUrl: the base of citation links); empty: citations name title and heading, with no link.')
param knowledgeSourceBaseUrl string = ''

@description('Whom the bot suggests when it cannot answer; empty keeps the text in the bot\'s appsettings.json.')
param genAiTeamContact string = ''

@description('When the weekly digest goes out: cron, in digestTimeZone.')
param digestSchedule string = '0 8 * * 1'

@description('IANA time zone of the digest schedule.')
param digestTimeZone string = 'Europe/Berlin'

@description('Read departments and team and channel names from Microsoft Graph (grant the identity the Graph application permissions first; see README).')
param graphEnabled bool = false

@description('Client id of the Entra app registration the Teams tabs sign in with (README: "Teams tabs"); the web app serves the tabs and checks their tokens against it (Tabs__ClientId, Tabs__Resource). Empty: no tabs.')
param tabAppClientId string = ''

// A mistyped id would become the audience of every tab token the bot checks, and every tab sign-in would fail.
var tabAppClientIdGroups = map(split(tabAppClientId, '-'), group => length(group))
var tabAppClientIdOtherCharacters = filter(range(0, length(tabAppClientId)), i => !contains('0123456789abcdef-', substring(toLower(tabAppClientId), i, 1)))
var checkedTabAppClientId = !empty(tabAppClientId) && (tabAppClientIdGroups != [8, 4, 4, 4, 12] || !empty(tabAppClientIdOtherCharacters))
  ? fail('tabAppClientId must be the client id (a GUID) of the tabs\' app registration, or empty for no tabs; got \'${tabAppClientId}\'')
  : tabAppClientId

@description('Days a deleted Key Vault or secret can be recovered.')
@minValue(7)
@maxValue(90)
param keyVaultSoftDeleteRetentionInDays int = 90

var suffix = take(uniqueString(subscription().id, resourceGroup().id, baseName), 6)
var names = {
  identity: 'id-${baseName}-${suffix}'
  logAnalytics: 'log-${baseName}-${suffix}'
  appInsights: 'appi-${baseName}-${suffix}'
  vnet: 'vnet-${baseName}-${suffix}'
  keyVault: 'kv-${baseName}-${suffix}'
  search: 'srch-${baseName}-${suffix}'
  openAi: 'oai-${baseName}-${suffix}'
  postgres: 'psql-${baseName}-${suffix}'
  plan: 'asp-${baseName}-${suffix}'
  webApp: 'app-${baseName}-${suffix}'
  bot: 'bot-${baseName}-${suffix}'
}
var botIdentityId = resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', names.identity)
var postgresDatabaseName = 'adoptionbot'
var postgresConnectionStringSecretName = 'postgres-connection-string'

module identity 'modules/identity.bicep' = {
  name: 'identity'
  params: {
    name: names.identity
    location: location
    tags: tags
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    logAnalyticsName: names.logAnalytics
    appInsightsName: names.appInsights
    location: location
    tags: tags
    retentionInDays: logRetentionInDays
    botPrincipalId: identity.outputs.principalId
    botIdentityId: botIdentityId
  }
}

module network 'modules/network.bicep' = {
  name: 'network'
  params: {
    name: names.vnet
    location: location
    tags: tags
    addressPrefix: vnetAddressPrefix
    postgresServerName: names.postgres
  }
}

module keyVault 'modules/keyVault.bicep' = {
  name: 'keyVault'
  params: {
    name: names.keyVault
    location: location
    tags: tags
    workspaceId: monitoring.outputs.workspaceId
    privateEndpointSubnetId: network.outputs.privateEndpointSubnetId
    privateDnsZoneId: network.outputs.keyVaultZoneId
    botPrincipalId: identity.outputs.principalId
    botIdentityId: botIdentityId
    softDeleteRetentionInDays: keyVaultSoftDeleteRetentionInDays
    storeAskerHashKey: postgresStoreEnabled
    askerHashKey: checkedAskerHashKey
  }
}

module search 'modules/search.bicep' = {
  name: 'search'
  params: {
    name: names.search
    location: location
    tags: tags
    workspaceId: monitoring.outputs.workspaceId
    privateEndpointSubnetId: network.outputs.privateEndpointSubnetId
    privateDnsZoneId: network.outputs.searchZoneId
    sku: searchSku
    replicaCount: searchReplicaCount
    botPrincipalId: identity.outputs.principalId
    botIdentityId: botIdentityId
  }
}

module openAi 'modules/openAi.bicep' = {
  name: 'openAi'
  params: {
    name: names.openAi
    // The private endpoint lives in the network's region; the account may be elsewhere.
    location: openAiLocation
    endpointLocation: location
    tags: tags
    workspaceId: monitoring.outputs.workspaceId
    privateEndpointSubnetId: network.outputs.privateEndpointSubnetId
    privateDnsZoneId: network.outputs.openAiZoneId
    botPrincipalId: identity.outputs.principalId
    botIdentityId: botIdentityId
    chat: chatDeployment
    embeddings: embeddingDeployment
  }
}

module postgres 'modules/postgres.bicep' = {
  name: 'postgres'
  dependsOn: [
    keyVault
  ]
  params: {
    name: names.postgres
    location: location
    tags: tags
    workspaceId: monitoring.outputs.workspaceId
    delegatedSubnetId: network.outputs.postgresSubnetId
    privateDnsZoneId: network.outputs.postgresZoneId
    version: postgresVersion
    skuName: postgresSkuName
    skuTier: postgresSkuTier
    storageSizeGB: postgresStorageSizeGB
    highAvailability: postgresHighAvailability
    backupRetentionDays: postgresBackupRetentionDays
    geoRedundantBackup: postgresGeoRedundantBackup
    databaseName: postgresDatabaseName
    administratorLogin: postgresAdministratorLogin
    administratorPassword: postgresAdministratorPassword
    // The server's Entra admin is named by the identity's object id, known only once the identity exists.
    #disable-next-line what-if-short-circuiting
    botIdentity: {
      name: identity.outputs.name
      principalId: identity.outputs.principalId
      tenantId: identity.outputs.tenantId
    }
    keyVaultName: names.keyVault
    connectionStringSecretName: postgresConnectionStringSecretName
  }
}

var botIdentity = {
  id: identity.outputs.id
  clientId: identity.outputs.clientId
  tenantId: identity.outputs.tenantId
}

module appService 'modules/appService.bicep' = {
  name: 'appService'
  params: {
    planName: names.plan
    webAppName: names.webApp
    location: location
    tags: tags
    workspaceId: monitoring.outputs.workspaceId
    appSubnetId: network.outputs.appSubnetId
    planSku: appServicePlanSku
    instanceCount: appInstanceCount
    identity: botIdentity
    appInsightsConnectionString: monitoring.outputs.appInsightsConnectionString
    settings: {
      // Shipped inside the deployed zip (see README), so a redeploy updates code and knowledge together.
      knowledgePath: '/home/site/wwwroot/knowledge'
      knowledgeSourceBaseUrl: knowledgeSourceBaseUrl
      dataPath: '/home/data'
      searchEndpoint: search.outputs.endpoint
      searchIndexName: searchIndexName
      openAiEndpoint: openAi.outputs.endpoint
      chatDeployment: openAi.outputs.chatDeploymentName
      embeddingDeployment: openAi.outputs.embeddingsDeploymentName
      postgresStoreEnabled: postgresStoreEnabled
      postgresConnectionStringSecretUri: postgres.outputs.connectionStringSecretUri
      askerHashKeySecretUri: keyVault.outputs.askerHashKeySecretUri
      portfolioAdmins: portfolioAdmins
      allowedTenants: allowedTenants
      genAiTeamContact: genAiTeamContact
      digestSchedule: digestSchedule
      digestTimeZone: digestTimeZone
      graphEnabled: graphEnabled
      tabAppClientId: checkedTabAppClientId
    }
  }
}

var botEndpoint = 'https://${appService.outputs.defaultHostName}/api/messages'

module bot 'modules/bot.bicep' = {
  name: 'bot'
  params: {
    name: names.bot
    tags: tags
    displayName: botDisplayName
    endpoint: botEndpoint
    sku: botSku
    identity: botIdentity
    workspaceId: monitoring.outputs.workspaceId
  }
}

@description('The bot\'s Microsoft App ID: the client id of its user-assigned managed identity.')
output botAppId string = identity.outputs.clientId

@description('Host name of the web app, without scheme (the manifest\'s valid domain).')
output botDomain string = appService.outputs.defaultHostName

@description('Client id of the tabs\' app registration, empty without tabs (the packaging command\'s TeamsApp:TabAppId).')
output tabAppId string = checkedTabAppClientId

@description('Application ID URI of the tabs\' app registration, api://<botDomain>/<tabAppId>, empty without tabs (TeamsApp:TabResource).')
output tabResource string = appService.outputs.tabResource

@description('The messaging endpoint registered with the Azure Bot.')
output botEndpoint string = botEndpoint

output webAppName string = appService.outputs.name
output botName string = bot.outputs.name
output keyVaultName string = keyVault.outputs.name
output searchEndpoint string = search.outputs.endpoint
output searchIndexName string = searchIndexName
output openAiEndpoint string = openAi.outputs.endpoint
output postgresServerFqdn string = postgres.outputs.fqdn
output postgresDatabaseName string = postgres.outputs.databaseName
output managedIdentityClientId string = identity.outputs.clientId
output managedIdentityPrincipalId string = identity.outputs.principalId
output tenantId string = identity.outputs.tenantId
