// The Azure Bot registration: the user-assigned identity is the bot's app (no app password, no multi-tenant
// app registration), messages go to the web app, and Microsoft Teams is its channel.

import { identitySettings } from 'types.bicep'

param name string
param tags object

@description('Display name of the bot in the Azure portal.')
param displayName string

@description('https URL of the bot\'s /api/messages.')
param endpoint string

@allowed([
  'F0'
  'S1'
])
param sku string

param identity identitySettings

param workspaceId string

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: name
  location: 'global'
  tags: tags
  kind: 'azurebot'
  sku: {
    name: sku
  }
  properties: {
    displayName: displayName
    endpoint: endpoint
    msaAppType: 'UserAssignedMSI'
    msaAppId: identity.clientId
    msaAppTenantId: identity.tenantId
    msaAppMSIResourceId: identity.id
    disableLocalAuth: true
    isStreamingSupported: false
  }
}

resource teams 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
      enableCalling: false
    }
  }
}

resource diagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: bot
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

output name string = bot.name
