// Parameters of one AdoptionBot environment. Copy this file per environment and change what differs.
// Secrets are never written here: the PostgreSQL password comes from the deployer's environment.
using 'main.bicep'

param baseName = 'adoptionbot'

param tags = {
  application: 'AdoptionBot'
  environment: 'production'
}

param vnetAddressPrefix = '10.40.0.0/16'

param appServicePlanSku = 'P1v3'
param appInstanceCount = 1
param botSku = 'S1'
param botDisplayName = 'AdoptionBot'

param searchSku = 'basic'
param searchReplicaCount = 1

param chatDeployment = {
  name: 'chat'
  model: 'gpt-4.1-mini'
  version: '2025-04-14'
  sku: 'DataZoneStandard'
  capacity: 50
}

param embeddingDeployment = {
  name: 'embeddings'
  model: 'text-embedding-3-small'
  version: '1'
  sku: 'Standard'
  capacity: 50
}

param postgresSkuName = 'Standard_B1ms'
param postgresSkuTier = 'Burstable'
param postgresHighAvailability = 'Disabled'
param postgresAdministratorPassword = readEnvironmentVariable('POSTGRES_ADMIN_PASSWORD')
param postgresStoreEnabled = false
// Needed with postgresStoreEnabled (every instance hashes askers with it); keep it across deployments.
param askerHashKey = readEnvironmentVariable('ASKER_HASH_KEY', '')

// Entra object ids of the portfolio team, who triage ideas and receive the digest.
param portfolioAdmins = []

// Tenants whose Teams activities the bot handles; left out, only the tenant deployed to.
// param allowedTenants = ['<tenant-id>']

param knowledgeSourceBaseUrl = ''
param genAiTeamContact = ''
param digestSchedule = '0 8 * * 1'
param digestTimeZone = 'Europe/Berlin'
param graphEnabled = false

// Client id of the Teams tabs' app registration (README, "Teams tabs"); empty: the bot without tabs.
param tabAppClientId = ''
