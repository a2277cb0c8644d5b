// Shapes shared by main.bicep and its modules.

@export()
@description('The bot\'s user-assigned managed identity.')
type identitySettings = {
  @description('Resource id.')
  id: string
  clientId: string
  tenantId: string
}

@export()
@description('An Azure OpenAI model deployment.')
type modelDeployment = {
  @description('Deployment name: what the bot asks for.')
  name: string
  @description('Model name, e.g. gpt-4.1-mini or text-embedding-3-small.')
  model: string
  @description('Model version.')
  version: string
  @description('Deployment type: Standard (in the region), DataZoneStandard (in the data zone) or GlobalStandard.')
  sku: 'Standard' | 'DataZoneStandard' | 'GlobalStandard'
  @description('Capacity in thousands of tokens per minute.')
  @minValue(1)
  capacity: int
}
